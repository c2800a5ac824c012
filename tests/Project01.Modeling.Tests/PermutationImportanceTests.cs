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
}
