using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Training;

/// <summary>An out-of-sample prediction with its outcome.</summary>
public sealed record Prediction(string Symbol, DateTime FeatureTime, DateTime TargetTime, double Predicted, double Actual, Split Split);

/// <summary>
/// Everything a training run produced: the ONNX model, how it was chosen, how well it did against the naive baseline
/// on the untouched test span, its empirical residual quantiles (for intervals), and its test predictions.
/// </summary>
public sealed record TrainedForecaster(
    string Algorithm,
    ForecastTarget Target,
    IReadOnlyList<string> Inputs,
    byte[] Onnx,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    ResidualInterval Interval,
    IReadOnlyList<Prediction> Predictions,
    DatasetSplits Splits)
{
    /// <summary>The chosen setting itself (what <see cref="Parameters"/> describes), to fit it again elsewhere.</summary>
    public Forecasters.ModelConfig? Config { get; init; }

    /// <summary>Validation forecasts of the model fitted on train only, with their scales: the conformal calibration set.</summary>
    public IReadOnlyList<Evaluation.ScaledForecast> Calibration { get; init; } = [];

    /// <summary>Test forecasts with their scales (what calibrated intervals are put around).</summary>
    public IReadOnlyList<Evaluation.ScaledForecast> ScaledTest { get; init; } = [];

    /// <summary>Test-span RMSE increase when each input is shuffled (<see cref="Evaluation.PermutationImportance"/>).</summary>
    public IReadOnlyDictionary<string, double> Importances { get; init; } = new Dictionary<string, double>();
}

/// <summary>A central interval from validation residuals: [point + Lower, point + Upper] covered <see cref="Coverage"/> of them.</summary>
public sealed record ResidualInterval(double Lower, double Upper, double Coverage);
