using Project01.Modeling.Evaluation;

namespace Project01.Modeling.Tests;

public sealed class DynamicConformalTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TheCoveringLevelIsTheSupremumOfTheLevelsWhoseQuantileCoversTheScore()
    {
        // Hand-checked: 2 of 4 scores below 2.5, so every α < 1 − 2/5 = 0.6 covers it (the ⌈5(1 − α)⌉-th smallest is ≥ 3).
        Assert.Equal(0.6, DynamicConformal.CoveringLevel([1, 2, 3, 4], 2.5), 12);
        Assert.Equal(1, DynamicConformal.CoveringLevel([1, 2, 3, 4], 0.5));  // below every score: every α < 1 covers it
        Assert.Equal(0, DynamicConformal.CoveringLevel([1, 2, 3, 4], 4.5));  // above every score: none does

        // And against the quantile the intervals use, on random windows and scores.
        var random = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            var window = Enumerable.Range(0, random.Next(5, 60)).Select(_ => Math.Round(random.NextDouble() * 10, 1)).ToArray();
            var score = Math.Round(random.NextDouble() * 10, 1);
            var beta = DynamicConformal.CoveringLevel(window, score);
            if (beta <= 0) { Assert.True(score > window.Max()); continue; }
            Assert.True(score <= ConformalIntervals.Quantile(window, 1 - (beta - 1e-9)), $"α just below β = {beta} must cover {score}");
            Assert.True(score > ConformalIntervals.Quantile(window, 1 - (beta + 1e-9)) || beta >= 1, $"α just above β = {beta} must not cover {score}");
        }
    }

    [Fact]
    public void AnUpdateMovesWeightToTheExpertNearestTheCoveringLevelAndStepsEachExpert()
    {
        double[] weights = [0.5, 0.5], alphas = [0.1, 0.3], steps = [0.01, 0.1];
        DynamicConformal.Update(weights, alphas, [0.1, 0.3], beta: 0.05, target: 0.2, steps, eta: 5, sigma: 0.01);

        // β = 0.05: both experts' intervals missed; the pinball losses are 0.8·0.05 and 0.8·0.25, so the first gains.
        Assert.Equal(1, weights.Sum(), 12);
        var first = Math.Exp(-5 * 0.04) / (Math.Exp(-5 * 0.04) + Math.Exp(-5 * 0.2));
        Assert.Equal(0.99 * first + 0.005, weights[0], 12);
        Assert.Equal(0.1 + 0.01 * (0.2 - 1), alphas[0], 12);
        Assert.Equal(0.3 + 0.1 * (0.2 - 1), alphas[1], 12);
        Assert.Equal(0.2 * -0.1 + 0.1, DynamicConformal.Pinball(-0.1, 0.2), 12); // below the target level costs 1 − α a unit
        Assert.Equal(0.2 * 0.1, DynamicConformal.Pinball(0.1, 0.2), 12);
    }

    /// <summary>Errors whose spread triples at a break, with no scale to follow it: DtACI holds the level over the span
    /// as ACI does, and covers more in the weeks after the break than ACI with the paper's fixed small step.</summary>
    [Theory]
    [InlineData(0.8)]
    [InlineData(0.9)]
    public void HoldsTheLevelThroughABreakAndRecoversFasterThanASmallFixedStep(double level)
    {
        var random = new Random(11);
        List<ScaledForecast> Series(int days, int breakDay, int offset) => [.. Enumerable.Range(0, days).Select(d =>
        {
            var sigma = d >= breakDay ? 3.0 : 1.0;
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return new ScaledForecast(Day0.AddDays(offset + d), Day0.AddDays(offset + d + 1), 0, sigma * z, 1);
        })];
        var calibration = Series(500, int.MaxValue, -500);
        var test = Series(1500, 500, 0);
        var dynamic = DynamicConformal.Intervals(calibration, test, level);
        var adaptive = ConformalIntervals.AdaptiveIntervals(calibration, test, level);
        double Coverage((double Lower, double Upper)[] b, int from, int to) =>
            (double)Enumerable.Range(from, to - from).Count(i => test[i].Actual >= b[i].Lower && test[i].Actual <= b[i].Upper) / (to - from);

        Assert.InRange(Coverage(dynamic, 0, 1500), level - 0.02, level + 0.02);
        // Seed 11: 0.46 against 0.22 at 80 %, 0.64 against 0.56 at 90 % in the 50 days after the break.
        Assert.True(Coverage(dynamic, 500, 550) > Coverage(adaptive, 500, 550) + 0.05,
            $"50 days after the break: DtACI {Coverage(dynamic, 500, 550):F3}, ACI (γ 0.005) {Coverage(adaptive, 500, 550):F3}");
        Assert.All(dynamic, b => Assert.True(double.IsFinite(b.Upper)));
        Assert.Equal(1500, DynamicConformal.Evaluate(calibration, test, level).Count);
    }
}
