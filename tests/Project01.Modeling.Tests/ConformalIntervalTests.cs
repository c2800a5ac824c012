using Project01.Modeling.Evaluation;

namespace Project01.Modeling.Tests;

public sealed class ConformalIntervalTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Outcomes N(0, σ²) forecast as 0, one a day, known the next day; σ = 1, then 3 from day <paramref name="breakDay"/>.</summary>
    private static List<ScaledForecast> Series(int days, int breakDay, bool scaled, int seed, int offset = 0)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(offset, days).Select(d =>
        {
            var sigma = d < breakDay ? 1.0 : 3.0;
            return new ScaledForecast(Day0.AddDays(d), Day0.AddDays(d + 1), 0, sigma * Gaussian(random), scaled ? sigma : 1);
        })];
    }

    [Fact]
    public void TheQuantileIsTheSplitConformalOrderStatistic()
    {
        double[] scores = [9, 1, 8, 2, 7, 3, 6, 4, 5];
        Assert.Equal(8, ConformalIntervals.Quantile(scores, 0.8)); // ⌈10 · 0.8⌉ = 8th smallest
        Assert.Equal(9, ConformalIntervals.Quantile(scores, 0.9)); // ⌈10 · 0.9⌉ = 9th
        Assert.Equal(double.PositiveInfinity, ConformalIntervals.Quantile(scores, 0.95)); // rank 10 > 9: no finite bound yet
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.9)]
    public void ScaledIntervalsHoldTheirLevelThroughAVolatilityBreak(double level)
    {
        var calibration = Series(500, int.MaxValue, scaled: true, seed: 1, offset: -500);
        var test = Series(4000, breakDay: 2000, scaled: true, seed: 2);
        var intervals = ConformalIntervals.Intervals(calibration, test, level);
        double Coverage(int from, int to) =>
            (double)Enumerable.Range(from, to - from).Count(i => test[i].Actual >= intervals[i].Lower && test[i].Actual <= intervals[i].Upper) / (to - from);
        double Width(int from, int to) => Enumerable.Range(from, to - from).Average(i => intervals[i].Upper - intervals[i].Lower);
        Assert.InRange(Coverage(0, 2000), level - 0.02, level + 0.02);
        Assert.InRange(Coverage(2000, 2200), level - 0.05, level + 0.05); // right after the break too: the scale moved with it
        Assert.InRange(Coverage(2000, 4000), level - 0.02, level + 0.02);
        Assert.InRange(Width(2000, 4000) / Width(0, 2000), 2.7, 3.3); // three times the volatility, three times the width
        Assert.Equal(4000, ConformalIntervals.Evaluate(calibration, test, level).Count);
    }

    [Fact]
    public void WithoutAScaleTheBreakBreaksCoverageUntilTheWindowHasMovedPastIt()
    {
        var calibration = Series(500, int.MaxValue, scaled: false, seed: 3, offset: -500);
        var test = Series(3000, breakDay: 1000, scaled: false, seed: 4);
        var intervals = ConformalIntervals.Intervals(calibration, test, 0.9, window: 250);
        double Coverage(int from, int to) =>
            (double)Enumerable.Range(from, to - from).Count(i => test[i].Actual >= intervals[i].Lower && test[i].Actual <= intervals[i].Upper) / (to - from);
        Assert.True(Coverage(1000, 1025) < 0.65, $"just after the break {Coverage(1000, 1025)}"); // a band for σ = 1 around σ = 3 outcomes (≈ 0.42 at first)
        Assert.InRange(Coverage(1500, 3000), 0.87, 0.93); // the window now holds only post-break scores
    }

    [Fact]
    public void AnIntervalUsesOnlyOutcomesKnownWhenItsForecastWasMade()
    {
        // Calibration scores are all 1; the test outcome at day 10 is huge but only known on day 15.
        var calibration = Enumerable.Range(-100, 100).Select(d => new ScaledForecast(Day0.AddDays(d), Day0.AddDays(d + 1), 0, 1, 1)).ToList();
        var test = new List<ScaledForecast>
        {
            new(Day0.AddDays(10), Day0.AddDays(15), 0, 1000, 1),
            new(Day0.AddDays(12), Day0.AddDays(13), 0, 0.5, 1), // made before day 15: must not see the 1000
            new(Day0.AddDays(20), Day0.AddDays(21), 0, 0.5, 1),
        };
        var intervals = ConformalIntervals.Intervals(calibration, test, 0.9, window: 10);
        Assert.Equal((-1, 1), intervals[1]);
        Assert.Equal(1000, intervals[2].Upper); // by day 20 the 1000 is among the last ten scores and is the 90 % one
    }

    [Fact]
    public void AdaptiveIntervalsWidenAfterAMissAndNarrowAfterAHit()
    {
        // Scores 1..10 known before the test; level 0.8 starts at the 9th of 11 ranks, as split conformal does.
        var calibration = Enumerable.Range(1, 10).Select(d => new ScaledForecast(Day0.AddDays(-20 + d), Day0.AddDays(-19 + d), 0, d, 1)).ToList();
        var test = new List<ScaledForecast>
        {
            new(Day0, Day0.AddDays(1), 0, 10.5, 1),                      // outside ±9: a miss
            new(Day0.AddDays(2), Day0.AddDays(3), 0, 0, 1),              // α = 0.2 + 0.1·(0.2 − 1) = 0.12: the 11th of 12 ranks
            new(Day0.AddDays(4), Day0.AddDays(5), 0, 0, 1),              // α = 0.12 + 0.1·0.2 = 0.14: the 12th of 13
        };
        var adaptive = ConformalIntervals.AdaptiveIntervals(calibration, test, 0.8, gamma: 0.1);
        var split = ConformalIntervals.Intervals(calibration, test, 0.8);
        Assert.Equal((-9, 9), adaptive[0]);
        Assert.Equal((-10.5, 10.5), adaptive[1]);
        Assert.Equal((-10, 10), split[1]); // the 10th of 12 ranks
        Assert.Equal((-10.5, 10.5), adaptive[2]);
    }

    [Fact]
    public void AdaptiveIntervalsStayFiniteThroughARunOfMisses()
    {
        var calibration = Series(100, int.MaxValue, scaled: false, seed: 5, offset: -100);
        var test = Enumerable.Range(0, 200).Select(d => new ScaledForecast(Day0.AddDays(d), Day0.AddDays(d + 1), 0, 1e6, 1)).ToList();
        var intervals = ConformalIntervals.AdaptiveIntervals(calibration, test, 0.9, gamma: 0.05);
        Assert.All(intervals, b => Assert.True(double.IsFinite(b.Upper)));
        Assert.Equal(1e6, intervals[^1].Upper); // capped at the largest known score
    }

    /// <summary>Without a scale that follows the volatility, a break leaves split-conformal intervals too narrow until the
    /// window has moved past it; adaptive conformal inference widens them as the misses come, and over the span holds
    /// the level where split conformal does not.</summary>
    [Theory]
    [InlineData(0.8)]
    [InlineData(0.9)]
    public void AdaptiveIntervalsHoldTheLevelThroughAnUnscaledBreak(double level)
    {
        var calibration = Series(500, int.MaxValue, scaled: false, seed: 6, offset: -500);
        var test = Series(1500, breakDay: 500, scaled: false, seed: 7);
        var split = ConformalIntervals.Intervals(calibration, test, level);
        var adaptive = ConformalIntervals.AdaptiveIntervals(calibration, test, level, gamma: 0.02);
        double Coverage((double Lower, double Upper)[] b, int from, int to) =>
            (double)Enumerable.Range(from, to - from).Count(i => test[i].Actual >= b[i].Lower && test[i].Actual <= b[i].Upper) / (to - from);

        Assert.True(Coverage(split, 0, 1500) < level - 0.04, $"split {Coverage(split, 0, 1500):F3}");
        Assert.InRange(Coverage(adaptive, 0, 1500), level - 0.02, level + 0.02);
        Assert.True(Coverage(adaptive, 500, 700) > Coverage(split, 500, 700) + 0.1,
            $"after the break: adaptive {Coverage(adaptive, 500, 700):F3}, split {Coverage(split, 500, 700):F3}");
        Assert.Equal(1500, ConformalIntervals.EvaluateAdaptive(calibration, test, level).Count);
    }
}
