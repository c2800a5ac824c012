using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Training;

namespace Project01.Modeling.Forecasters.LightGbm;

/// <summary>LightGBM (ML.NET) behind the common interface; the ONNX export is ML.NET's converter.</summary>
public sealed class LightGbmForecaster(LightGbmModel model) : IForecaster
{
    public string Algorithm => ForecasterCatalog.LightGbm;
    public int FeatureCount => model.FeatureCount;
    public double[] Predict(IReadOnlyList<float[]> rows) => model.Predict(rows);
    public byte[] ToOnnx() => model.ToOnnx();
}

public sealed class LightGbmForecasterTrainer : IForecasterTrainer
{
    public IReadOnlyList<ForecastTarget> Targets => ForecastTargets.All;

    public string Algorithm => ForecasterCatalog.LightGbm;

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) => LightGbmParameters.SearchSpace;

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config) =>
        new LightGbmForecaster(LightGbmTrainer.Fit(examples, (LightGbmParameters)config, inputs.Count));
}
