using static TorchSharp.torch;

namespace Project01.DeepForecasting.Networks.Tft;

/// <summary>
/// The quantile (pinball) loss of TFT (eq. 24): for quantile q and error e = y − ŷ, max(q·e, (q − 1)·e), averaged over
/// the batch and the quantiles <see cref="Quantiles"/> (0.1, 0.5, 0.9).
/// </summary>
public static class QuantileLoss
{
    public static IReadOnlyList<double> Quantiles { get; } = [0.1, 0.5, 0.9];

    /// <summary>The mean pinball loss of predictions [B, 3] (the quantiles 0.1, 0.5, 0.9 in order) against targets [B].</summary>
    public static Tensor Compute(Tensor predictions, Tensor target)
    {
        var q = tensor(Quantiles.Select(v => (float)v).ToArray(), device: predictions.device);
        var error = target.reshape(-1, 1) - predictions;
        return maximum(q * error, (q - 1) * error).mean();
    }

    /// <summary>The same loss of a forecast's lower (0.1), point (0.5) and upper (0.9) quantiles.</summary>
    public static Tensor Compute(DeepForecast forecast, Tensor target) =>
        Compute(stack([forecast.Lower, forecast.Point, forecast.Upper], 1), target);
}
