using System.Text.Json;
using Project01.Contracts;
using Project01.Onnx;
using Project01.Onnx.Explanations;
using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

/// <summary>Explanations as the inference service gives them: loaded from the served ONNX file alone, adding up to the
/// session's own score, sorted by size, and refused with the reason for a model that cannot be explained.</summary>
public sealed class ForecastExplanationsTests
{
    private static readonly float[][] TrainingRows =
        [[90, -0.01f], [95, 0.005f], [99, 0.02f], [101, -0.003f], [120, 0.001f], [80, 0], [100, 0.01f], [150, 0.03f]];

    private static LoadedModel Load(byte[] onnx, string algorithm)
    {
        var explainer = ForecastExplainers.Load(onnx, out var whyNot);
        return new LoadedModel(LinearModel.Version("ret1", 7, algorithm), "champion", new OnnxRegressor(onnx), DateTime.UtcNow)
        {
            Explainer = explainer,
            NotExplainable = whyNot,
        };
    }

    [Theory]
    [InlineData(99.5, 0.004)]
    [InlineData(100, 0)]
    [InlineData(130, -0.02)]
    [InlineData(70, 0.05)]
    public void TreeContributionsAddUpToTheServedScoreAndComeLargestFirst(double close, double logret)
    {
        var model = Load(ExplanationBaseline.Attach(TreeModel.Onnx(), TrainingRows), "lightgbm");
        double[] vector = [close, logret];
        var served = model.Session.Predict([.. vector.Select(v => (float)v)])[0];

        var explanation = ForecastExplanations.Explain(model.Explainer!, model.Version.Inputs, vector);

        Assert.Equal("tree_shap", explanation.Method);
        Assert.InRange(Math.Abs(explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution) - served), 0, 1e-6);
        Assert.Equal(["close", "logret"], explanation.Contributions.Select(c => c.Feature).Order());
        Assert.Equal(vector, model.Version.Inputs.Select(i => explanation.Contributions.Single(c => c.Feature == i).Value));
        Assert.True(Math.Abs(explanation.Contributions[0].Contribution) >= Math.Abs(explanation.Contributions[1].Contribution));
    }

    [Fact]
    public void AModelWithoutCoversIsRefusedWithTheReason()
    {
        var model = Load(TreeModel.Onnx(), "lightgbm");

        Assert.Null(model.Explainer);
        var refusal = ForecastExplanations.Refusal(model);
        Assert.StartsWith("ret1-lightgbm v7 cannot explain its forecasts:", refusal);
        Assert.Contains("node covers", refusal);
    }

    [Fact]
    public void LinearContributionsAreMeasuredFromTheTrainingMeans()
    {
        // Score = 2·close − 3·logret + 0.5; training means: close 100, logret 0.
        var model = Load(ExplanationBaseline.Attach(LinearModel.Onnx([2f, -3f], 0.5f), [[90, 0.01f], [110, -0.01f]]), "ridge");

        var explanation = ForecastExplanations.Explain(model.Explainer!, model.Version.Inputs, [101, 0.5]);

        Assert.Equal("linear", explanation.Method);
        Assert.Equal(200.5, explanation.BaseValue, 9);
        Assert.Equal([("close", 2.0), ("logret", -1.5)], explanation.Contributions.Select(c => (c.Feature, Math.Round(c.Contribution, 9))));
        Assert.Equal(model.Session.Predict([101f, 0.5f])[0], explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution), 1e-4);
    }

    [Fact]
    public void AForecastWithoutAnExplanationSerializesAsBefore()
    {
        var forecast = new ForecastDto("SPX", "ret1", 0.001, null, null, null, DateTime.UnixEpoch, DateTime.UnixEpoch, "ret1-lightgbm", 3, "CPU");
        var plain = JsonSerializer.Serialize(forecast, JsonSerializerOptions.Web);
        Assert.DoesNotContain("explanation", plain);

        var explained = forecast with { Explanation = new ForecastExplanationDto("linear", 0.0005, [new FeatureContributionDto("logret", 0.01, 0.0005)]) };
        var json = JsonSerializer.Serialize(explained, JsonSerializerOptions.Web);
        Assert.Contains("\"explanation\":{\"method\":\"linear\",\"baseValue\":0.0005", json);
        Assert.Equal(explained.Explanation!.Contributions, JsonSerializer.Deserialize<ForecastDto>(json, JsonSerializerOptions.Web)!.Explanation!.Contributions);
    }
}
