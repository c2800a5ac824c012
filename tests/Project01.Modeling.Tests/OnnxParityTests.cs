using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Onnx;
using Project01.Onnx;

namespace Project01.Modeling.Tests;

/// <summary>Every algorithm's ONNX file, run by ONNX Runtime, against its native model on real rows (the S&P 500's
/// 2017–2020 test span, and a Dow 30 panel span).</summary>
public sealed class OnnxParityTests
{
    private static readonly DateTime TrainEnd = new(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ValidationEnd = new(2016, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, string> Cases => new()
    {
        { "naive", "ret1" }, { "naive", "vol5" }, { "naive", "dir1" },
        { "ridge", "ret1" }, { "ridge", "vol5" }, { "ridge", "dir1" },
        { "har", "vol5" },
        { "lightgbm", "ret1" }, { "lightgbm", "vol5" }, { "lightgbm", "dir1" },
        { "xgboost", "ret1" }, { "xgboost", "vol5" }, { "xgboost", "dir1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxMatchesTheNativeModelWithin1e5(string algorithm, string targetName)
    {
        var target = ForecastTargets.Parse(targetName);
        var dataset = DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, target, ModelInputs.Series, new DatasetSplits(TrainEnd, ValidationEnd));
        var trainer = ForecasterCatalog.Create(algorithm);
        var model = trainer.Fit([.. dataset.Part(Split.Train)], dataset.Inputs, trainer.SearchSpace(dataset)[^1]);
        var test = dataset.Part(Split.Test).Select(e => e.Features).ToList();

        var native = model.Predict(test);
        using var onnx = new OnnxRegressor(model.ToOnnx());
        var scored = onnx.Predict(test.SelectMany(r => r).ToArray());

        Assert.Equal(dataset.Inputs.Count, onnx.FeatureCount);
        Assert.Equal(test.Count, scored.Length);
        var maxDiff = native.Select((v, i) => Math.Abs(v - scored[i])).Max();
        Assert.InRange(maxDiff, 0, 1e-5);
        // A model that predicts one constant would pass parity trivially.
        Assert.True(native.Distinct().Count() > (algorithm == "naive" && target == ForecastTarget.Dir1 ? 1 : 50), $"{algorithm} predicts too few distinct values");
        (model as IDisposable)?.Dispose();
    }

    [Fact]
    public void PanelModelsWithCrossSectionalInputsExportToo()
    {
        var dataset = DatasetBuilder.Build(Dow30History.Observations, PriceFeatures.Names, ForecastTarget.Ret1, ModelInputs.Panel,
            new DatasetSplits(new DateTime(1995, 12, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(1997, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
        var rows = dataset.Part(Split.Test).Select(e => e.Features).ToList();
        foreach (var algorithm in new[] { "ridge", "xgboost" })
        {
            var trainer = ForecasterCatalog.Create(algorithm);
            var model = trainer.Fit([.. dataset.Part(Split.Train)], dataset.Inputs, trainer.SearchSpace(dataset)[0]);
            using var onnx = new OnnxRegressor(model.ToOnnx());
            var scored = onnx.Predict(rows.SelectMany(r => r).ToArray());
            var native = model.Predict(rows);
            Assert.InRange(native.Select((v, i) => Math.Abs(v - scored[i])).Max(), 0, 1e-5);
        }
    }
}
