using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.XGBoost;
using Project01.Modeling.Onnx;
using Project01.Onnx;

namespace Project01.Modeling.Tests;

public sealed class XGBoostTests
{
    private static readonly Lazy<SupervisedDataset> Dataset = new(() =>
        DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Ret1, ModelInputs.Series));

    private static XGBoostForecaster Fit(XGBoostConfig config) =>
        (XGBoostForecaster)new XGBoostTrainer().Fit([.. Dataset.Value.Part(Split.Train)], Dataset.Value.Inputs, config);

    [Fact]
    public void TheLibraryLoadsAndReportsItsVersion()
    {
        var version = XGBoostLibrary.EnsureLoaded();
        Assert.True(version >= new Version(1, 7), $"XGBoost {version}");
    }

    [Fact]
    public void TrainingIsDeterministicAndStartsFromTheMeanLabel()
    {
        var config = new XGBoostConfig(40, 3, 0.05, 50);
        using var a = Fit(config);
        using var b = Fit(config);
        var rows = Dataset.Value.Part(Split.Test).Select(e => e.Features).ToList();
        Assert.Equal(a.Predict(rows), b.Predict(rows));
        Assert.Equal(40, a.Trees.Trees.Count);
        Assert.Equal((float)Dataset.Value.Part(Split.Train).Average(e => e.Label), a.Trees.BaseScore, 1e-9f);
        Assert.All(a.Trees.Trees, t => Assert.InRange(t.NodeCount, 3, 15)); // depth 3: at most 15 nodes
    }

    [Fact]
    public void TheTreesReadFromJsonReproduceXGBoostsOwnPredictions()
    {
        using var model = Fit(new XGBoostConfig(100, 5, 0.05, 20));
        var rows = Dataset.Value.Part(Split.Test).Select(e => e.Features).ToList();
        var native = model.Predict(rows);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(native[i], model.Trees.Predict(rows[i]), 1e-6);
    }

    [Fact]
    public void MissingValuesFollowXGBoostsDefaultDirectionInOnnx()
    {
        // Train with gaps so trees learn a default direction per split, then score rows with NaN holes.
        var random = new Random(3);
        var train = Dataset.Value.Part(Split.Train).Select(e => e with { Features = Holes(e.Features, random) }).ToList();
        using var model = (XGBoostForecaster)new XGBoostTrainer().Fit(train, Dataset.Value.Inputs, new XGBoostConfig(60, 4, 0.1, 20));
        var rows = Dataset.Value.Part(Split.Test).Select(e => Holes(e.Features, random)).ToList();
        Assert.Contains(model.Trees.Trees, t => t.DefaultLeft.Where((_, n) => !t.IsLeaf(n)).Distinct().Count() == 2);

        var native = model.Predict(rows);
        using var onnx = new OnnxRegressor(model.ToOnnx());
        var scored = onnx.Predict(rows.SelectMany(r => r).ToArray());
        Assert.InRange(native.Select((v, i) => Math.Abs(v - scored[i])).Max(), 0, 1e-5);
    }

    private static float[] Holes(float[] x, Random random) => [.. x.Select(v => random.NextDouble() < 0.2 ? float.NaN : v)];
}
