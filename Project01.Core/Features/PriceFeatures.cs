using System.Collections.Frozen;

namespace Project01.Core.Features;

/// <summary>
/// The feature view computed from bars (<c>price_v1</c>): TTR-compatible indicators plus scale-free transforms of
/// them that models consume. The order of <see cref="Names"/> is the order of every value vector.
/// </summary>
public static class PriceFeatures
{
    public const string ViewName = "price";
    public const int ViewVersion = 1;

    public static readonly string[] Names =
    [
        "close", "logret", "logret5", "sma20", "ema20", "rsi14", "tr", "atr14", "macd", "macd_signal",
        "bb_dn", "bb_mavg", "bb_up", "bb_pctb", "sd20", "volume_ratio20",
        "dist_sma20", "dist_ema20", "atr14_pct", "macd_pct", "macd_hist_pct", "sd20_pct", "rv20",
    ];

    public static readonly FrozenDictionary<string, int> Index =
        Names.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    public static int Count => Names.Length;

    /// <summary>Number of bars before every feature is defined (MACD signal: 26 + 9 − 1 bars).</summary>
    public const int WarmUpBars = 34;

    public static int IndexOf(string name) =>
        Index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"'{name}' is not a feature of {ViewName}_v{ViewVersion}; known: {string.Join(", ", Names)}");
}
