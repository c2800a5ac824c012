using Project01.Modeling.Backtesting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Forecasters;

namespace Project01.Modeling.Tests;

public sealed class PermutationImportanceTests
{
    /// <summary>y = 2·x0 exactly; x1 is noise the model ignores.</summary>
    private sealed class TwiceFirst : IForecaster
    {
        public string Algorithm => "twice-first";
        public int FeatureCount => 2;
        public double[] Predict(IReadOnlyList<float[]> rows) => [.. rows.Select(r => 2.0 * r[0])];
        public byte[] ToOnnx() => throw new NotSupportedException();
    }

    [Fact]
    public void OnlyTheInputTheModelUsesMatters()
    {
        var random = new Random(5);
        var examples = Enumerable.Range(0, 500).Select(i =>
        {
            var x0 = (float)random.NextDouble();
            return new Example("S", DateTime.UnixEpoch.AddDays(i), DateTime.UnixEpoch.AddDays(i + 1), [x0, (float)random.NextDouble()], 2.0 * x0, Split.Test);
        }).ToList();
        var importances = PermutationImportance.Compute(new TwiceFirst(), examples, ["x0", "x1"]);
        // Shuffling x0 of a uniform(0,1): RMSE of 2·(x − x') ≈ 2·sqrt(1/6) ≈ 0.816.
        Assert.InRange(importances["x0"], 0.7, 0.95);
        Assert.Equal(0, importances["x1"], 12);
        // Reproducible: same seed, same numbers.
        Assert.Equal(importances["x0"], PermutationImportance.Compute(new TwiceFirst(), examples, ["x0", "x1"])["x0"]);
    }

    [Fact]
    public void MonthlyReturnsCompoundWithinEachMonth()
    {
        DateTime D(int m, int d) => new(2020, m, d, 0, 0, 0, DateTimeKind.Utc);
        var months = PeriodReturns.Monthly([D(1, 2), D(1, 31), D(2, 3), D(2, 28), D(3, 2)], [1.01, 1.10, 1.05, 0.99, 1.089]);
        Assert.Equal(3, months.Count);
        Assert.Equal((2020, 1), (months[0].Year, months[0].Month));
        Assert.Equal(0.10, months[0].Return, 12);
        Assert.Equal(0.99 / 1.10 - 1, months[1].Return, 12);
        Assert.Equal(1.089 / 0.99 - 1, months[2].Return, 12);
    }
}
