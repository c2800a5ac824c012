using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Forecasters;

/// <summary>
/// A fitted model. It reads the dataset's whole input vector (in <see cref="SupervisedDataset.Inputs"/> order), even
/// when it uses only some columns (naive, HAR), so every model of a dataset has the same ONNX signature.
/// </summary>
public interface IForecaster
{
    string Algorithm { get; }
    int FeatureCount { get; }

    /// <summary>Native predictions (the reference the ONNX export is checked against).</summary>
    double[] Predict(IReadOnlyList<float[]> rows);

    /// <summary>ONNX bytes: input <c>Features</c> float [N × FeatureCount], output <c>Score</c> float [N × 1].</summary>
    byte[] ToOnnx();
}

/// <summary>One hyper-parameter setting of a trainer; <see cref="Describe"/> is what the registry records.</summary>
public abstract record ModelConfig
{
    public abstract IReadOnlyDictionary<string, string> Describe();
}

/// <summary>
/// Fits one algorithm. <see cref="SearchSpace"/> lists the settings the training recipe tries on the validation span
/// (one entry when nothing is tuned); <see cref="Fit"/> must be deterministic for a given setting and data.
/// </summary>
public interface IForecasterTrainer
{
    string Algorithm { get; }

    /// <summary>The targets this algorithm can forecast.</summary>
    IReadOnlyList<ForecastTarget> Targets { get; }

    IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset);

    IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config);

    /// <summary>The inputs this algorithm reads, when it decides them itself (a sequence model's window); null: the
    /// caller's choice (<see cref="Datasets.ModelInputs"/>).</summary>
    IReadOnlyList<string>? InputsFor(ForecastTarget target, bool panel) => null;
}

/// <summary>A trainer with its own progress to tell (a deep network's epochs); the training recipe hands it the run's.</summary>
public interface IReportsProgress
{
    IProgress<string>? Progress { get; set; }
}

/// <summary>A fitted model that can tell how its training went (a deep network: device, epochs, time), recorded with its
/// version: facts as parameters, numbers as metrics.</summary>
public interface IDescribesTraining
{
    IReadOnlyDictionary<string, string> TrainingFacts { get; }
    IReadOnlyDictionary<string, double> TrainingMetrics { get; }
}

/// <summary>
/// A trainer that stops on the validation span itself (a deep network's early stopping): the recipe hands it the
/// validation examples with the training ones, and refits on train + validation with the setting it returns (e.g. the
/// best epoch count, since nothing unseen is left to stop on).
/// </summary>
public interface IStopsOnValidation
{
    (IForecaster Model, ModelConfig Refit) FitWithValidation(IReadOnlyList<Example> train, IReadOnlyList<Example> validation,
        IReadOnlyList<string> inputs, ModelConfig config);
}
