namespace Project01.Core.Forecasting;

/// <summary>Realized volatility over a window of daily log returns: the one definition that labels (vol5), the HAR
/// inputs and their per-request derivation at serving time all use.</summary>
public static class ReturnWindows
{
    /// <summary>sqrt(r[from]² + … + r[to]²), NaN when any of them is missing or the window leaves the series.</summary>
    public static double RealizedVolatility(ReadOnlySpan<double> r, int from, int to)
    {
        if (from < 0 || to >= r.Length) return double.NaN;
        double sum = 0;
        for (var j = from; j <= to; j++) sum += r[j] * r[j];
        return Math.Sqrt(sum); // NaN propagates
    }
}
