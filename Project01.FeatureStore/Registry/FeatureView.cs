using Project01.Core.Features;

namespace Project01.FeatureStore.Registry;

/// <summary>
/// A named, versioned set of features about one entity (a symbol), computed from one source, valid for a TTL after
/// its event time. Defined in code; the registry records every version applied.
/// </summary>
public sealed record FeatureView(string Name, int Version, string Entity, string Source, IReadOnlyList<string> Features, TimeSpan Ttl, string Description)
{
    /// <summary>Storage name, e.g. <c>price_v1</c>.</summary>
    public string Key => $"{Name}_v{Version}";

    /// <summary>Bar indicators (TTR-compatible) and their scale-free transforms, from topic <c>ticks</c>. A daily value
    /// is stale after 4 days (covers weekends and one holiday).</summary>
    public static FeatureView Price { get; } = new(PriceFeatures.ViewName, PriceFeatures.ViewVersion, "symbol", "ticks",
        PriceFeatures.Names, TimeSpan.FromDays(4),
        "SMA/EMA/RSI/ATR/MACD/Bollinger/volatility indicators per bar (R TTR conventions) and ratios to price");

    public static IReadOnlyList<FeatureView> All { get; } = [Price];

    public static FeatureView Find(string nameOrKey) =>
        All.FirstOrDefault(v => v.Key == nameOrKey || v.Name == nameOrKey)
        ?? throw new KeyNotFoundException($"unknown feature view '{nameOrKey}'; known: {string.Join(", ", All.Select(v => v.Key))}");
}
