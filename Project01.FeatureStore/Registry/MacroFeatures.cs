namespace Project01.FeatureStore.Registry;

/// <summary>The macro view's features, derived from the bronze <c>fundamentals</c> series of the bundled US macro file.</summary>
public static class MacroFeatures
{
    public const string Entity = "US";

    public static readonly string[] Names = ["tbilrate", "unemp", "infl", "realint", "realgdp_growth", "cpi_growth"];

    /// <summary>Series read as they are (percent levels).</summary>
    public static readonly IReadOnlyDictionary<string, string> Levels = new Dictionary<string, string>
    {
        ["tbilrate"] = "US.TBILRATE", ["unemp"] = "US.UNEMP", ["infl"] = "US.INFL", ["realint"] = "US.REALINT",
    };

    /// <summary>Series turned into quarter-on-quarter log growth (annualised, percent).</summary>
    public static readonly IReadOnlyDictionary<string, string> Growth = new Dictionary<string, string>
    {
        ["realgdp_growth"] = "US.REALGDP", ["cpi_growth"] = "US.CPI",
    };
}
