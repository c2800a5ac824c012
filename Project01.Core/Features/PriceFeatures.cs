using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Project01.Core.Features;

/// <summary>
/// The feature view computed from bars (<c>price_v1</c>): TTR-compatible indicators plus scale-free transforms of
/// them that models consume. <see cref="All"/> declares each feature once; its order is the order of
/// <see cref="Names"/> and of every value vector, and the names, index, count and warm-up all derive from it.
/// </summary>
public static class PriceFeatures
{
    public const string ViewName = "price";
    public const int ViewVersion = 1;

    public static readonly ImmutableArray<PriceFeature> All =
    [
        new("close", WarmUp: 1, "closing price", static s => s.Close),
        new("logret", WarmUp: 2, "one-bar log return ln(Cₜ / Cₜ₋₁) (TTR ROC, continuous)", static s => s.LogReturn),
        new("logret5", WarmUp: 6, "five-bar log return ln(Cₜ / Cₜ₋₅)", static s => s.LogReturn5),
        new("sma20", WarmUp: 20, "simple moving average of 20 closes (TTR SMA)", static s => s.Sma20),
        new("ema20", WarmUp: 20, "exponential moving average of closes, α = 2/21, seeded with SMA20 (TTR EMA)", static s => s.Ema20),
        new("rsi14", WarmUp: 15, "Wilder RSI of 14 close-to-close changes, 0–100 (TTR RSI)", static s => s.Rsi14),
        new("tr", WarmUp: 2, "true range max(H, Cₜ₋₁) − min(L, Cₜ₋₁) (TTR ATR's tr)", static s => s.TrueRange),
        new("atr14", WarmUp: 15, "Wilder average of 14 true ranges (TTR ATR)", static s => s.Atr14),
        new("macd", WarmUp: 26, "EMA12 − EMA26 of closes, in price units (TTR MACD, percent = FALSE)", static s => s.Macd),
        new("macd_signal", WarmUp: 34, "EMA9 of the MACD line", static s => s.MacdSignal),
        new("bb_dn", WarmUp: 20, "lower Bollinger band SMA20 − 2σ, population σ (TTR BBands)", static s => s.BollingerLower),
        new("bb_mavg", WarmUp: 20, "middle Bollinger band SMA20 (TTR BBands)", static s => s.BollingerMiddle),
        new("bb_up", WarmUp: 20, "upper Bollinger band SMA20 + 2σ, population σ (TTR BBands)", static s => s.BollingerUpper),
        new("bb_pctb", WarmUp: 20, "Bollinger %B (close − lower) / (upper − lower) (TTR BBands)", static s => s.BollingerPercentB),
        new("sd20", WarmUp: 20, "sample standard deviation of 20 closes (TTR runSD)", static s => s.Sd20),
        new("volume_ratio20", WarmUp: 20, "volume / mean volume of 20 bars; NaN while that mean is 0 (no volume)",
            static s => s.VolumeMean20 > 0 ? s.Volume / s.VolumeMean20 : double.NaN),
        new("dist_sma20", WarmUp: 20, "close / SMA20 − 1", static s => s.Close / s.Sma20 - 1),
        new("dist_ema20", WarmUp: 20, "close / EMA20 − 1", static s => s.Close / s.Ema20 - 1),
        new("atr14_pct", WarmUp: 15, "ATR14 / close", static s => s.Atr14 / s.Close),
        new("macd_pct", WarmUp: 26, "MACD / close", static s => s.Macd / s.Close),
        new("macd_hist_pct", WarmUp: 34, "(MACD − signal) / close", static s => (s.Macd - s.MacdSignal) / s.Close),
        new("sd20_pct", WarmUp: 20, "sd20 / close", static s => s.Sd20 / s.Close),
        // A flat stretch can leave the running sum of squares a rounding error below zero: that is zero volatility.
        new("rv20", WarmUp: 21, "annualised realised volatility √(P/20 · Σ of the last 20 squared log returns), P bars a year (252 daily; intraday: 252 sessions of 6.5 h, overnight gaps left out)",
            static s => double.IsNaN(s.SquaredReturns20) ? double.NaN : Math.Sqrt(Math.Max(0, s.SquaredReturns20) * (s.PeriodsPerYear / 20))),
    ];

    public static readonly string[] Names = [.. All.Select(f => f.Name)];

    public static readonly FrozenDictionary<string, int> Index =
        Names.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    public static int Count => Names.Length;

    /// <summary>The bar from which every feature is defined: the largest warm-up (MACD signal: 26 + 9 − 1 bars).</summary>
    public static readonly int WarmUpBars = All.Max(f => f.WarmUp);

    public static int IndexOf(string name) =>
        Index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"'{name}' is not a feature of {ViewName}_v{ViewVersion}; known: {string.Join(", ", Names)}");
}
