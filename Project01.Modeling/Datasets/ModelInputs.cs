using Project01.Core.Forecasting;

namespace Project01.Modeling.Datasets;

/// <summary>
/// The inputs forecasters use: scale-free features only (returns, ratios to price, bounded oscillators), so a model
/// trained on one price level or symbol applies to another. Names refer to the price feature view or to
/// <see cref="DerivedFeatures"/>. Volume is left out on purpose: several bundled series (the Dow 30 closes) carry none,
/// and a model must serve them too.
/// </summary>
public static class ModelInputs
{
    /// <summary>View features only: what the online store serves, so the inference API can score it.</summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "logret", "logret5", "dist_sma20", "dist_ema20", "rsi14", "atr14_pct", "macd_pct", "macd_hist_pct",
        "bb_pctb", "sd20_pct", "rv20",
    ];

    /// <summary>The HAR-RV regressors: realized volatility over the last 1, 5 and 22 days (5-day scale).</summary>
    public static readonly IReadOnlyList<string> Har = ["rvol1", "rvol5", "rvol22"];

    /// <summary>One symbol: the view features, the HAR regressors, longer-horizon returns and the relative true range.</summary>
    public static readonly IReadOnlyList<string> Series = [.. Default, .. Har, "mom20", "mom60", "tr_pct"];

    /// <summary>A panel: the per-symbol inputs plus their ranks across symbols on the same date (reversal and momentum
    /// are relative effects: what matters is a stock's return against the others that day).</summary>
    public static readonly IReadOnlyList<string> Panel =
    [
        .. Series,
        .. new[] { "logret", "logret5", "mom20", "mom60", "dist_sma20", "rsi14", "rvol22", "bb_pctb" }.Select(f => DerivedFeatures.RankPrefix + f),
    ];

    /// <summary>The inputs for a target on one series or a panel.</summary>
    public static IReadOnlyList<string> For(ForecastTarget target, bool panel) => panel ? Panel : Series;
}
