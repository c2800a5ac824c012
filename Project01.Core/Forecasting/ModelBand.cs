namespace Project01.Core.Forecasting;

/// <summary>
/// The band a model forecasts itself (TFT's 0.1/0.9 quantile heads, DeepAR's distribution), as a version records it:
/// parameter <see cref="Parameter"/> = <see cref="OwnBand"/> and the conformal margin it is served with
/// (<see cref="Margin"/>). A volatility's band is widened in log units (multiplicatively, so it stays positive), a
/// return's additively.
/// </summary>
public static class ModelBand
{
    public const string Parameter = "interval_band";
    public const string OwnBand = "model";
    public const string Margin = "band_margin80";

    public static bool IsLogScale(ForecastTarget target) => target == ForecastTarget.Vol5;

    public static (double Lower, double Upper) Widen(double lower, double upper, double margin, bool logScale) => logScale
        ? (lower * Math.Exp(-margin), upper * Math.Exp(margin))
        : (lower - margin, upper + margin);
}
