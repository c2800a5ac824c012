using Project01.Core.Market;
using Project01.Core.Features;

namespace Project01.FeatureStore.Registry;

/// <summary>
/// A named, versioned set of features about one entity (a symbol), computed from one source, valid for a TTL after
/// its event time, over bars of one <see cref="Interval"/> (daily views and intraday views of the same symbol coexist).
/// Defined in code; the registry records every version applied.
/// </summary>
public sealed record FeatureView(string Name, int Version, string Entity, string Source, IReadOnlyList<string> Features, TimeSpan Ttl, string Description,
    string Transformation = "", string Interval = "1d")
{
    public BarInterval BarInterval => BarInterval.Parse(Interval);

    /// <summary>Storage name, e.g. <c>price_v1</c>.</summary>
    public string Key => $"{Name}_v{Version}";

    /// <summary>Bar indicators (TTR-compatible) and their scale-free transforms, from topic <c>ticks</c>. A daily value
    /// is stale after 4 days (covers weekends and one holiday).</summary>
    public static FeatureView Price { get; } = new(PriceFeatures.ViewName, PriceFeatures.ViewVersion, "symbol", "ticks",
        PriceFeatures.Names, TimeSpan.FromDays(4),
        "SMA/EMA/RSI/ATR/MACD/Bollinger/volatility indicators per bar (R TTR conventions) and ratios to price",
        $"{typeof(PriceFeatureEngine).FullName}: one O(1) update per bar, the same for history and the live stream");

    /// <summary>
    /// US macro series as they became public (entity <c>US</c>): the event time is the publication date, so a quarter's
    /// value is unknown on the quarter's last day. Quarterly data stays usable for 200 days.
    /// </summary>
    public static FeatureView Macro { get; } = new("macro", 1, "country", "fundamentals", MacroFeatures.Names, TimeSpan.FromDays(200),
        "US quarterly macro series (rates, inflation, unemployment, real GDP growth) as of their publication",
        $"{typeof(MacroFeatures).FullName}: latest published value per series; growth rates from consecutive quarters");

    /// <summary>
    /// Daily news and social sentiment per symbol from <c>silver.sentiment</c> (the NLP stage). A day's value is usable
    /// for a week: news about a company is sparse.
    /// </summary>
    public static FeatureView Sentiment { get; } = new("sentiment", 1, "symbol", "news,tweets", SentimentFeatures.Names, TimeSpan.FromDays(7),
        "Daily mean sentiment, volume, net tone, surprise and novelty against a 20-active-day baseline",
        $"{typeof(SentimentFeatures).FullName}: per UTC day of event time, available from the next midnight");

    public static IReadOnlyList<FeatureView> All { get; } = [Price, Macro, Sentiment];

    /// <summary>The price view over bars of <paramref name="interval"/>: <see cref="Price"/> for daily bars, else
    /// <c>price_5m_v1</c> and so on, with the same features (session-aware, see <see cref="PriceIndicators"/>), stale
    /// after a long weekend of bars.</summary>
    public static FeatureView PriceAt(BarInterval interval) => interval.IsDaily ? Price : Price with
    {
        Name = $"{PriceFeatures.ViewName}_{interval}",
        Source = "ticks (intraday_bars)",
        Ttl = TimeSpan.FromDays(4),
        Description = $"{Price.Description}, over {interval} bars",
        Interval = interval.ToString(),
    };

    /// <summary>A stable hash of everything that defines the view, to tell whether an applied definition changed.</summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join('|', Name, Version, Entity, Source, string.Join(',', Features), Ttl.Ticks, Description, Transformation)
        + (Interval == "1d" ? "" : $"|{Interval}"))))[..16];

    public static FeatureView Find(string nameOrKey) =>
        All.FirstOrDefault(v => v.Key == nameOrKey || v.Name == nameOrKey) ?? IntradayPrice(nameOrKey)
        ?? throw new KeyNotFoundException($"unknown feature view '{nameOrKey}'; known: {string.Join(", ", All.Select(v => v.Key))} and price_<interval>_v1 (e.g. price_5m_v1)");

    /// <summary>The bar interval of a price view's key (<c>price_v1</c> → 1d, <c>price_5m_v1</c> → 5m); null for other views.</summary>
    public static BarInterval? PriceIntervalOf(string key) =>
        key == Price.Key ? BarInterval.Daily : IntradayPrice(key)?.BarInterval;

    // price_5m or price_5m_v1: the intraday price view of that interval.
    private static FeatureView? IntradayPrice(string nameOrKey)
    {
        var prefix = PriceFeatures.ViewName + "_";
        if (!nameOrKey.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = nameOrKey[prefix.Length..];
        var suffix = $"_v{PriceFeatures.ViewVersion}";
        if (rest.EndsWith(suffix, StringComparison.Ordinal)) rest = rest[..^suffix.Length];
        return BarInterval.TryParse(rest, out var interval, out _) && !interval.IsDaily ? PriceAt(interval) : null;
    }
}
