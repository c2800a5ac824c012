using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Onnx;
using Project01.Modeling.Training;
using Project01.Onnx;

namespace Project01.Modeling.Tests;

public sealed class LightGbmForecasterTests
{
    private static readonly Lazy<TrainedForecaster> Trained = new(() =>
        ForecasterTraining.TrainLightGbm(DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Ret1)));

    [Fact]
    public void OnnxExportMatchesTheNativeModel()
    {
        var model = Trained.Value;
        Assert.InRange(model.Metrics["onnx_parity_max_abs"], 0, 1e-5);
        using var onnx = new OnnxRegressor(model.Onnx);
        Assert.Equal(ModelInputs.Default.Count, onnx.FeatureCount);
        Assert.Equal("CPU", onnx.ExecutionProvider);
    }

    [Fact]
    public void ReportsTestMetricsNextToTheNaiveBaseline()
    {
        var m = Trained.Value.Metrics;
        foreach (var key in new[] { "test_ic", "test_rank_ic", "test_rmse", "test_directional_accuracy", "naive_test_rmse", "naive_test_ic" })
            Assert.True(double.IsFinite(m[key]), $"{key} = {m[key]}");
        Assert.InRange(m["test_ic"], -1, 1);
        Assert.InRange(m["test_directional_accuracy"], 0, 1);
        // Persistence is a poor forecast of daily returns; a fitted model must at least beat its RMSE.
        Assert.True(m["test_rmse"] < m["naive_test_rmse"], $"model RMSE {m["test_rmse"]} vs naive {m["naive_test_rmse"]}");
    }

    [Fact]
    public void IntervalFromValidationResidualsIsCentralAndRoughlyCalibrated()
    {
        var model = Trained.Value;
        Assert.True(model.Interval.Lower < 0 && model.Interval.Upper > 0);
        // 80% nominal from validation residuals; the test span (2017–2020, with the 2020 crash) may differ, but not wildly.
        Assert.InRange(model.Metrics["test_interval_coverage"], 0.6, 0.95);
    }

    [Fact]
    public void TestPredictionsCoverOnlyTheTestSpan()
    {
        var model = Trained.Value;
        Assert.NotEmpty(model.Predictions);
        Assert.All(model.Predictions, p => Assert.True(p.FeatureTime > model.Splits.ValidationEnd));
    }
}
