namespace Project01.FeatureStore.Registry;

/// <summary>How a macro feature reads its series: the published level as it is, or its quarter-on-quarter log growth
/// (annualised, percent) between consecutive observations.</summary>
public enum MacroTransform { Level, Growth }

/// <summary>A feature of the macro view: its name, the bronze series it comes from, and how.</summary>
public sealed record MacroFeature(string Name, string SeriesId, MacroTransform Transform, string Description);

/// <summary>The macro view's features, derived from the bronze <c>fundamentals</c> series of the bundled US macro file.
/// Each feature is declared once below; the pipeline, the stores and the registry all read <see cref="All"/>.</summary>
public static class MacroFeatures
{
    public const string Entity = "US";

    public static IReadOnlyList<MacroFeature> All { get; } =
    [
        new("tbilrate", "US.TBILRATE", MacroTransform.Level, "3-month Treasury bill rate, percent"),
        new("unemp", "US.UNEMP", MacroTransform.Level, "unemployment rate, percent"),
        new("infl", "US.INFL", MacroTransform.Level, "inflation rate, percent"),
        new("realint", "US.REALINT", MacroTransform.Level, "real interest rate, percent"),
        new("realgdp_growth", "US.REALGDP", MacroTransform.Growth, "real GDP growth, annualised quarter-on-quarter, percent"),
        new("cpi_growth", "US.CPI", MacroTransform.Growth, "CPI growth, annualised quarter-on-quarter, percent"),
    ];

    public static readonly string[] Names = [.. All.Select(f => f.Name)];
}
