using Project01.Modeling.Tuning;

namespace Project01.Modeling.Tests.Tuning;

public sealed class SearchSpaceTests
{
    private static readonly SearchSpace Space = new(
    [
        new FloatParameter("rate", 1e-4, 1, Log: true),
        new FloatParameter("share", 0.25, 0.75),
        new IntParameter("leaves", 2, 64, Log: true),
        new IntParameter("depth", 1, 4),
        new CategoricalParameter("kind", ["a", "b", "c"]),
    ]);

    [Fact]
    public void UniformDrawsStayInRangeAreIntegralForIntsAndLogUniformOnALogScale()
    {
        var random = new Random(3);
        var draws = Enumerable.Range(0, 4000).Select(_ => Space.SampleUniform(random)).ToList();

        Assert.All(draws, d =>
        {
            Assert.InRange(d.Float("rate"), 1e-4, 1);
            Assert.InRange(d.Float("share"), 0.25, 0.75);
            Assert.InRange(d.Int("leaves"), 2, 64);
            Assert.InRange(d.Int("depth"), 1, 4);
            Assert.Contains(d.Category("kind"), new[] { "a", "b", "c" });
        });
        // Log-uniform on [1e-4, 1]: half the draws below 1e-2 (a linear scale would put 1 % there).
        Assert.InRange(draws.Count(d => d.Float("rate") < 1e-2) / 4000.0, 0.46, 0.54);
        Assert.InRange(draws.Count(d => d.Float("share") < 0.5) / 4000.0, 0.46, 0.54);
        // Every integer gets its share, the bounds included (half a step beyond each bound before rounding).
        Assert.All(Enumerable.Range(1, 4), v => Assert.InRange(draws.Count(d => d.Int("depth") == v) / 4000.0, 0.22, 0.28));
        // Log-uniform over [1.5, 64.5] before rounding: P(leaves ≤ 11) = ln(11.5 / 1.5) / ln(64.5 / 1.5) = 0.54 (linear: 0.16).
        Assert.InRange(draws.Count(d => d.Int("leaves") <= 11) / 4000.0, 0.50, 0.58);
        Assert.All(new[] { "a", "b", "c" }, c => Assert.InRange(draws.Count(d => d.Category("kind") == c) / 4000.0, 0.30, 0.37));
    }

    [Fact]
    public void DescribeWritesEachValueAsTheParameterReadsIt()
    {
        var p = new TrialParameters(Space, [0.01, 0.5, 16, 3, 2]);
        Assert.Equal(new Dictionary<string, string> { ["rate"] = "0.01", ["share"] = "0.5", ["leaves"] = "16", ["depth"] = "3", ["kind"] = "c" }, p.Describe());
        Assert.Equal(("c", 16), (p.Category("kind"), p.Int("leaves")));
    }

    [Fact]
    public void InvalidRangesAndValuesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new SearchSpace([new FloatParameter("x", 1, 1)]));
        Assert.Throws<ArgumentException>(() => new SearchSpace([new FloatParameter("x", 0, 1, Log: true)]));
        Assert.Throws<ArgumentException>(() => new SearchSpace([new IntParameter("n", 0, 10, Log: true)]));
        Assert.Throws<ArgumentException>(() => new SearchSpace([new CategoricalParameter("c", ["only"])]));
        Assert.Throws<ArgumentException>(() => new SearchSpace([new FloatParameter("x", 0, 1), new IntParameter("x", 0, 3)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrialParameters(Space, [0.01, 0.5, 16, 2.5, 0])); // depth not an integer
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrialParameters(Space, [2.0, 0.5, 16, 2, 0])); // rate above its range
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrialParameters(Space, [0.01, 0.5, 16, 2, 3])); // no fourth choice
    }
}
