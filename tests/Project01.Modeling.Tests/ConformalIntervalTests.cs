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
}
