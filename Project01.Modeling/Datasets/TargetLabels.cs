using Project01.Core.Forecasting;

namespace Project01.Modeling.Datasets;

/// <summary>
/// Labels and naive forecasts from one symbol's daily log returns r (r[i] is the return into bar i). The label of bar
/// i uses r[i+1..i+h] only; the naive forecast uses r[..i] only. NaN when the returns it needs are missing.
/// </summary>
public static class TargetLabels
{
    public static double Label(ForecastTarget target, ReadOnlySpan<double> r, int i) => target switch
    {
        ForecastTarget.Ret1 => At(r, i + 1),
        ForecastTarget.Dir1 => At(r, i + 1) is var next && double.IsFinite(next) ? (next > 0 ? 1 : 0) : double.NaN,
        ForecastTarget.Vol5 => ReturnWindows.RealizedVolatility(r, i + 1, i + 5),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>The naive forecast known at bar i: today's return (ret1), today's direction (dir1), or the realized
    /// volatility of the last five returns, the label's own definition shifted back (vol5).</summary>
    public static double Naive(ForecastTarget target, ReadOnlySpan<double> r, int i) => target switch
    {
        ForecastTarget.Ret1 => At(r, i),
        ForecastTarget.Dir1 => At(r, i) is var today && double.IsFinite(today) ? (today > 0 ? 1 : 0) : double.NaN,
        ForecastTarget.Vol5 => ReturnWindows.RealizedVolatility(r, i - 4, i),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private static double At(ReadOnlySpan<double> r, int i) => i >= 0 && i < r.Length ? r[i] : double.NaN;
}
