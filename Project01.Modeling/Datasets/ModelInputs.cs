namespace Project01.Modeling.Datasets;

/// <summary>
/// The inputs GBM forecasters use: scale-free features only (returns, ratios to price, bounded oscillators), so a
/// model trained on one price level or symbol applies to another. Names refer to the price feature view. Volume is
/// left out on purpose: several bundled series (the Dow 30 closes) carry none, and a model must serve them too.
/// </summary>
public static class ModelInputs
{
    public static readonly IReadOnlyList<string> Default =
    [
        "logret", "logret5", "dist_sma20", "dist_ema20", "rsi14", "atr14_pct", "macd_pct", "macd_hist_pct",
        "bb_pctb", "sd20_pct", "rv20",
    ];
}
