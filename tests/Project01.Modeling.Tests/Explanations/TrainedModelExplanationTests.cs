using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.Linear;
using Project01.Modeling.Forecasters.XGBoost;
using Project01.Modeling.Training;
using Project01.Onnx;
using Project01.Onnx.Explanations;

namespace Project01.Modeling.Tests.Explanations;

/// <summary>Explanations of models trained on the bundled S&amp;P 500 (train to 2013, validation to 2016, test after),
/// read from their ONNX files as the inference service reads them.</summary>
public sealed class TrainedModelExplanationTests
{
    private static readonly DatasetSplits Splits = new(new DateTime(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2016, 12, 30, 0, 0, 0, DateTimeKind.Utc));

    private static readonly Lazy<SupervisedDataset> Dataset = new(() =>
        DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Ret1, ModelInputs.Series, Splits));

    private static List<float[]> Rows(Split split) => [.. Dataset.Value.Part(split).Select(e => e.Features)];

    private static IForecastExplainer Load(byte[] onnx) => ForecastExplainers.Load(onnx, out var whyNot) ?? throw new InvalidOperationException(whyNot);

    [Fact]
    public void LightGbmTrainedThroughTheRecipeExplainsEveryTestForecastToWithin1e6()
    {
        var trained = ForecasterTraining.TrainLightGbm(Dataset.Value);
        var explainer = Load(trained.Onnx);
        Assert.Equal("tree_shap", explainer.Method);
        var rows = Rows(Split.Test);
        using var session = new OnnxRegressor(trained.Onnx);
        var scored = session.Predict(rows.SelectMany(r => r).ToArray());

        var errors = rows.Select((r, i) => Math.Abs(explainer.Explain(r).Prediction - scored[i])).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{rows.Count} test forecasts, max |base + Σφ − ONNX score| = {errors.Max():E2}");
        Assert.InRange(errors.Max(), 0, 1e-6);
        // Not a degenerate explanation: the contributions vary and more than one input matters.
        var contributions = rows.Take(200).Select(r => explainer.Explain(r).Contributions).ToList();
        Assert.True(Enumerable.Range(0, rows[0].Length).Count(i => contributions.Any(c => Math.Abs(c[i]) > 1e-6)) >= 2);
    }

    [Fact]
    public void XGBoostAgreesWithXGBoostsOwnPredContribs()
    {
        var train = Dataset.Value.Part(Split.Train).ToList();
        using var model = (XGBoostForecaster)new XGBoostTrainer().Fit(train, Dataset.Value.Inputs, new XGBoostConfig(100, 5, 0.05, 20));
        // For squared error every row has hessian 1, so XGBoost's covers (sum_hessian) are the training rows through each node.
        var explainer = Load(ExplanationBaseline.Attach(model.ToOnnx(), [.. train.Select(e => e.Features)]));
        var rows = Rows(Split.Test);
        var reference = model.Contributions(rows);
        var k = Dataset.Value.Inputs.Count;
        var worst = 0.0;
        for (var n = 0; n < rows.Count; n++)
        {
            var ours = explainer.Explain(rows[n]);
            // XGBoost accumulates in float: agreement to float precision of values around 1e-3.
            worst = Math.Max(worst, Math.Abs(ours.BaseValue - reference[n][k]));
            for (var i = 0; i < k; i++) worst = Math.Max(worst, Math.Abs(ours.Contributions[i] - reference[n][i]));
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"max |ours − pred_contribs| = {worst:E2}");
        Assert.InRange(worst, 0, 1e-7);
        Assert.Contains(reference, r => r.Take(k).Count(v => v != 0) >= 3);
    }

    [Fact]
    public void RidgeContributionsAreWeightTimesDistanceFromTheTrainingMean()
    {
        var train = Dataset.Value.Part(Split.Train).ToList();
        var trainer = new RidgeTrainer();
        var model = (LinearForecaster)trainer.Fit(train, Dataset.Value.Inputs, trainer.SearchSpace(Dataset.Value)[0]);
        var onnx = ExplanationBaseline.Attach(model.ToOnnx(), [.. train.Select(e => e.Features)]);
        var explainer = Load(onnx);
        Assert.Equal("linear", explainer.Method);

        var (weights, _) = model.Folded();
        var k = weights.Length;
        var means = Enumerable.Range(0, k).Select(i => train.Average(e => (double)e.Features[i])).ToArray();
        var rows = Rows(Split.Test);
        using var session = new OnnxRegressor(onnx);
        var scored = session.Predict(rows.SelectMany(r => r).ToArray());
        for (var n = 0; n < rows.Count; n++)
        {
            var a = explainer.Explain(rows[n]);
            for (var i = 0; i < k; i++)
                Assert.Equal((float)weights[i] * (rows[n][i] - means[i]), a.Contributions[i], 1e-9 * (1 + Math.Abs(means[i])));
            Assert.InRange(Math.Abs(a.Prediction - scored[n]), 0, 1e-6);
        }
        // At the mean input the model predicts the training mean label: that is the base value.
        Assert.Equal(model.Intercept, ((LinearExplainer)explainer).BaseValue, 1e-6);
    }

    [Fact]
    public void GraphsWithoutAnExactExplanationSayWhy()
    {
        var dataset = Dataset.Value;
        var direction = ForecasterCatalog.Create("naive").Fit([.. dataset.Part(Split.Train)], dataset.Inputs, new Forecasters.Naive.NaiveConfig(Forecasters.Naive.NaiveKind.Direction, "logret"));
        var onnx = direction.ToOnnx();
        Assert.Same(onnx, ExplanationBaseline.Attach(onnx, Rows(Split.Train)));
        Assert.Null(ForecastExplainers.Load(onnx, out var whyNot));
        Assert.Contains("Cast", whyNot);
    }
}
