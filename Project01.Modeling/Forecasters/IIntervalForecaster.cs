namespace Project01.Modeling.Forecasters;

/// <summary>
/// A forecaster that predicts its own distribution (TFT's quantile heads, DeepAR's likelihood), not only a point: its
/// 10 % and 90 % quantiles bound an 80 % interval per forecast, and its ONNX graph has <c>Lower</c> and <c>Upper</c>
/// outputs beside <c>Score</c>, so serving returns the model's own band.
/// </summary>
public interface IIntervalForecaster : IForecaster
{
    /// <summary>The nominal coverage of the band (0.8: the 0.1 to 0.9 quantiles).</summary>
    double BandCoverage { get; }

    /// <summary>Native bands (the reference the ONNX outputs are checked against).</summary>
    (double[] Lower, double[] Upper) PredictBand(IReadOnlyList<float[]> rows);
}
