using Project01.Modeling.Tuning;

namespace Project01.Modeling.Tests.Tuning;

public sealed class ParzenEstimatorTests
{
    [Fact]
    public void BandwidthsAreTheWiderNeighbourGapClippedAsOptunaDoes()
    {
        // Sorted with the bounds: 0 | .2 .5 .6 | 1. Inner point .5: max(.3, .1) = .3. The outermost points take the gap to
        // their inner neighbour (.3 and .1), then everything is clipped to [1 / min(100, 3 + 2), 1] = [.2, 1].
        var sigmas = ParzenEstimator.Bandwidths([0.6, 0.2, 0.5], 0, 1);
        Assert.Equal(new[] { 0.2, 0.3, 0.3 }, sigmas.Select(s => Math.Round(s, 12)));
        // One point: the wider gap to a bound (.7 of the range), no inner neighbour to take instead.
        Assert.Equal(0.7, ParzenEstimator.Bandwidths([0.3], 0, 1)[0], 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheTruncatedMixtureIsADensityOverTheRange(bool log)
    {
        var parameter = new FloatParameter("x", 0.01, 10, log);
        var estimator = new ParzenEstimator(parameter, [0.02, 0.5, 0.6, 9.5], [1, 1, 0.5, 1]);
        // ∫ density d(coordinate) over the coordinate range: the density is in the sampler's coordinate.
        var (low, high) = parameter.CoordinateRange;
        const int steps = 20_000;
        var h = (high - low) / steps;
        var integral = 0.0;
        for (var i = 0; i < steps; i++) integral += Math.Exp(estimator.LogDensity(parameter.FromCoordinate(low + (i + 0.5) * h))) * h;
        Assert.Equal(1, integral, 3);
    }

    [Fact]
    public void DrawsComeFromNearTheObservationsAndStayInRange()
    {
        var parameter = new FloatParameter("x", 0, 100);
        var estimator = new ParzenEstimator(parameter, Enumerable.Repeat(30.0, 20).ToArray(), Enumerable.Repeat(1.0, 20).ToArray());
        var random = new Random(5);
        var draws = Enumerable.Range(0, 2000).Select(_ => estimator.Sample(random)).ToList();
        Assert.All(draws, x => Assert.InRange(x, 0, 100));
        // 20 of 21 weight units sit on 30 with bandwidth 100/22: most draws land within ±10 of it.
        Assert.InRange(draws.Count(x => Math.Abs(x - 30) < 10) / 2000.0, 0.85, 0.99);
    }

    [Fact]
    public void ACategoricalGetsASmoothedWeightedHistogram()
    {
        var parameter = new CategoricalParameter("c", ["a", "b", "c", "d"]);
        var estimator = new ParzenEstimator(parameter, [1, 1, 1, 2], [1, 1, 1, 1]);
        // Counts 0, 3, 1, 0 plus the prior's 1/4 each, over 5.
        Assert.Equal(Math.Log(3.25 / 5), estimator.LogDensity(1), 12);
        Assert.Equal(Math.Log(0.25 / 5), estimator.LogDensity(3), 12);
    }
}
