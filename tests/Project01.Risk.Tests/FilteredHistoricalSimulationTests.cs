using Project01.Risk.Garch;
using Project01.Risk.Simulation;

namespace Project01.Risk.Tests;

public sealed class FilteredHistoricalSimulationTests
{
    private static readonly double[] Residuals = [-2.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5];

    [Fact]
    public void OneDayIsTheMeanPlusTodaysVolatilityTimesAResampledShock()
    {
        var model = new GarchParameters(0.001, 1e-6, 0.1, 0.85);
        var paths = FilteredHistoricalSimulation.CumulativeReturns(model, 0.0004, Residuals, [1], 20_000, new Random(1));

        // Each 1-day outcome is μ + 0.02·z for a residual z; the 7 values each turn up about 1/7 of the time.
        var outcomes = paths[0].GroupBy(r => Math.Round((r - 0.001) / 0.02, 9)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Residuals.Order(), outcomes.Keys.Order());
        Assert.All(outcomes.Values, n => Assert.InRange(n, 20_000 / 7 - 300, 20_000 / 7 + 300));
    }

    [Fact]
    public void TheVarianceIsPropagatedAlongEachPath()
    {
        // One residual (z = 1): every path is the same, so the 2-day sum follows the recursion exactly.
        var model = new GarchParameters(0, 1e-6, 0.1, 0.85);
        var paths = FilteredHistoricalSimulation.CumulativeReturns(model, 0.0004, [1.0], [1, 2], 3, new Random(1));
        var secondVariance = 1e-6 + 0.1 * 0.0004 + 0.85 * 0.0004;
        Assert.All(paths[0], r => Assert.Equal(0.02, r, 15));
        Assert.All(paths[1], r => Assert.Equal(0.02 + Math.Sqrt(secondVariance), r, 15));
    }

    [Fact]
    public void UnderGjrAFallingFirstDayRaisesTheSecondDaysVarianceMore()
    {
        var model = new GarchParameters(0, 1e-6, 0.02, 0.85, Gamma: 0.2);
        var down = FilteredHistoricalSimulation.CumulativeReturns(model, 0.0004, [-1.0], [1, 2], 2, new Random(1));
        var up = FilteredHistoricalSimulation.CumulativeReturns(model, 0.0004, [1.0], [1, 2], 2, new Random(1));
        Assert.All(down[1], r => Assert.Equal(-0.02 - Math.Sqrt(1e-6 + 0.22 * 0.0004 + 0.85 * 0.0004), r, 15));
        Assert.All(up[1], r => Assert.Equal(0.02 + Math.Sqrt(1e-6 + 0.02 * 0.0004 + 0.85 * 0.0004), r, 15));
    }

    [Fact]
    public void LongHorizonRiskGrowsRoughlyWithTheSquareRootOfTime()
    {
        // Near-constant volatility (α, β small) and a symmetric shock pool: 10-day VaR ≈ √10 × 1-day VaR.
        var model = new GarchParameters(0, 0.0001 * 0.9, 0.05, 0.05);
        var shocks = Enumerable.Range(0, 2001).Select(i => (i - 1000) / 1000.0 * Math.Sqrt(3)).ToArray(); // uniform, unit variance
        var paths = FilteredHistoricalSimulation.CumulativeReturns(model, model.UnconditionalVariance, shocks, [1, 10], 50_000, new Random(2));
        var oneDay = TailRisk.FromReturns(paths[0], [0.99])[0];
        var tenDay = TailRisk.FromReturns(paths[1], [0.99])[0];
        // The 10-day sum is nearly normal (its 99 % quantile 2.33σ√10) while a uniform's is 1.70σ: the ratio is 4.3, not √10.
        Assert.InRange(tenDay.ValueAtRisk / oneDay.ValueAtRisk, 4.1, 4.5);
        Assert.InRange(tenDay.ValueAtRisk, 0.01 * Math.Sqrt(10) * 2.2, 0.01 * Math.Sqrt(10) * 2.45);
    }

    [Fact]
    public void TheSameSeedGivesTheSamePathsAndAnotherDoesNot()
    {
        var model = SimulatedGarch.Equity;
        double[][] Run(int seed) => FilteredHistoricalSimulation.CumulativeReturns(model, 0.0002, Residuals, [1, 10], 500, new Random(seed));
        Assert.Equal(Run(7)[1], Run(7)[1]);
        Assert.NotEqual(Run(7)[1], Run(8)[1]);
    }
}
