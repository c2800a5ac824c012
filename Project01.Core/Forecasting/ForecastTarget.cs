namespace Project01.Core.Forecasting;

/// <summary>What a model forecasts for the period after its features' event time. Every label is built from the
/// symbol's own later daily log returns r(t+1), r(t+2), … (the dataset builder of Project01.Modeling).</summary>
public enum ForecastTarget
{
    /// <summary>Next-day log return r(t+1).</summary>
    Ret1,

    /// <summary>Next-5-day realized volatility: sqrt(r(t+1)² + … + r(t+5)²), the square root of the 5-day realized
    /// variance from daily returns (Andersen–Bollerslev), not annualised.</summary>
    Vol5,

    /// <summary>Next-day direction: 1 when r(t+1) &gt; 0, else 0 (a flat day counts as down). Models regress the 0/1
    /// label, so a forecast estimates P(up); 0.5 is the decision threshold.</summary>
    Dir1,
}

public static class ForecastTargets
{
    public static IReadOnlyList<ForecastTarget> All { get; } = [ForecastTarget.Ret1, ForecastTarget.Vol5, ForecastTarget.Dir1];

    public static string Name(this ForecastTarget target) => target switch
    {
        ForecastTarget.Ret1 => "ret1",
        ForecastTarget.Vol5 => "vol5",
        ForecastTarget.Dir1 => "dir1",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static ForecastTarget Parse(string name) => name.ToLowerInvariant() switch
    {
        "ret1" => ForecastTarget.Ret1,
        "vol5" => ForecastTarget.Vol5,
        "dir1" => ForecastTarget.Dir1,
        _ => throw new ArgumentException($"unknown target '{name}' (known: {string.Join(", ", All.Select(t => t.Name()))})"),
    };

    /// <summary>Bars between the features and the end of the label (for purging overlapping labels).</summary>
    public static int Horizon(this ForecastTarget target) => target switch
    {
        ForecastTarget.Ret1 or ForecastTarget.Dir1 => 1,
        ForecastTarget.Vol5 => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}
