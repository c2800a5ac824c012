namespace Project01.Modeling.Datasets;

/// <summary>What a model forecasts for the period after its features' event time.</summary>
public enum ForecastTarget
{
    /// <summary>Next-day log return.</summary>
    Ret1,
}

public static class ForecastTargets
{
    public static string Name(this ForecastTarget target) => target switch
    {
        ForecastTarget.Ret1 => "ret1",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static ForecastTarget Parse(string name) => name.ToLowerInvariant() switch
    {
        "ret1" => ForecastTarget.Ret1,
        _ => throw new ArgumentException($"unknown target '{name}' (known: ret1)"),
    };

    /// <summary>Bars between the features and the end of the label (for purging overlapping labels).</summary>
    public static int Horizon(this ForecastTarget target) => target switch
    {
        ForecastTarget.Ret1 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}
