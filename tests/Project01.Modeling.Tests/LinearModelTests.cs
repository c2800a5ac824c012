using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.Linear;
using Project01.Modeling.Onnx;
using Project01.Onnx;

namespace Project01.Modeling.Tests;

public sealed class LinearModelTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Example Ex(int n, double label, params float[] x) => new("A", Day0.AddDays(n), Day0.AddDays(n + 1), x, label, Split.Train);

    [Fact]
    public void RidgeMatchesTheHandSolvedSingleInputCase()
    {
        // x = 1, 2, 3, 4; y = 1, 3, 2, 6. Mean x 2.5, population sd √1.25; z = (x − 2.5)/√1.25; ȳ = 3.
        // Σ z·(y − ȳ) = (−1.5·−2 + −0.5·0 + 0.5·−1 + 1.5·3)/√1.25 = 7/√1.25; Σ z² = 4.
        // β = 7/√1.25 / (4 + λ); with λ = α·n = 0.5·4 = 2: β = 7/(6√1.25); slope on x = β/√1.25 = 7/7.5.
        Example[] data = [Ex(0, 1, 1), Ex(1, 3, 2), Ex(2, 2, 3), Ex(3, 6, 4)];
        var model = (LinearForecaster)new RidgeTrainer().Fit(data, ["x"], new RidgeConfig(0.5));

        Assert.Equal(7 / (6 * Math.Sqrt(1.25)), model.StandardisedCoefficients[0], 12);
        var (weights, bias) = model.Folded();
        Assert.Equal(7 / 7.5, weights[0], 12);
        Assert.Equal(3 - 7 / 7.5 * 2.5, bias, 12);
        Assert.Equal(3 + 7 / 7.5 * (10 - 2.5), model.Predict([[10f]])[0], 12);
    }

    [Fact]
    public void OrdinaryLeastSquaresRecoversAnExactLinearRelation()
    {
        var random = new Random(7);
        var data = Enumerable.Range(0, 200).Select(n =>
        {
            float a = (float)random.NextDouble(), b = (float)random.NextDouble(), c = (float)random.NextDouble();
            return Ex(n, 0.5 + 2.0 * a - 3.0 * b + 0.25 * c, a, 9f, b, c); // column 1 is constant: ignored
        }).ToList();
        var model = (LinearForecaster)new HarTrainer().Fit(data, ["rvol1", "noise", "rvol5", "rvol22"], new HarConfig());
        var (weights, bias) = model.Folded();
        Assert.Equal(0.5, bias, 9);
        Assert.Equal([2, 0, -3, 0.25], weights.Select(w => Math.Round(w, 9)));
    }

    [Fact]
    public void HarRefusesReturnTargetsAndNeedsItsRegressors()
    {
        var dataset = new SupervisedDataset(ForecastTarget.Ret1, ["logret"], [], new DatasetSplits(Day0, Day0.AddDays(1)));
        Assert.Contains("har forecasts vol5 only, not ret1", Assert.Throws<ArgumentException>(() => new HarTrainer().SearchSpace(dataset)).Message);
        Assert.Contains("'rvol22'", Assert.Throws<ArgumentException>(() => new HarTrainer().Fit([Ex(0, 1, 1, 1)], ["rvol1", "rvol5"], new HarConfig())).Message);
    }

    [Fact]
    public void CollinearInputsWithoutAPenaltyAreRefusedNotSolvedWrongly()
    {
        var data = Enumerable.Range(0, 50).Select(n => Ex(n, n, n, 2 * n, n % 3)).ToList();
        Assert.Contains("singular", Assert.Throws<InvalidOperationException>(() =>
            LinearRegression.Fit("ols", data, 3, [0, 1, 2], 0, new Dictionary<string, string>())).Message);
    }

    [Fact]
    public void TheOnnxGraphIsTheFoldedModel()
    {
        Example[] data = [Ex(0, 1, 1, 5), Ex(1, 3, 2, 3), Ex(2, 2, 3, 4), Ex(3, 6, 4, 1), Ex(4, 4, 6, 2)];
        var model = ForecasterCatalog.Create("ridge").Fit(data, ["x", "y"], new RidgeConfig(0.01));
        using var onnx = new OnnxRegressor(model.ToOnnx());
        float[][] rows = [[1, 1], [2.5f, -3], [100, 7]];
        var native = model.Predict(rows);
        var scored = onnx.Predict(rows.SelectMany(r => r).ToArray());
        for (var i = 0; i < rows.Length; i++) Assert.Equal(native[i], scored[i], 4);
    }
}
