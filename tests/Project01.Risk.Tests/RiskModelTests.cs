namespace Project01.Risk.Tests;

public sealed class RiskModelTests
{
    private static readonly double[] Returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 3000, seed: 21, degreesOfFreedom: 6);

    [Fact]
    public void GivesOrderedFiguresForEveryHorizonAndLevel()
    {
        var estimate = RiskModel.Estimate(Returns, new RiskOptions());
        Assert.Equal(4, estimate.Figures.Count);
        foreach (var horizon in new[] { 1, 10 })
        {
            var (at95, at99) = (estimate.Figure(horizon, 0.95), estimate.Figure(horizon, 0.99));
            Assert.True(0 < at95.ValueAtRisk && at95.ValueAtRisk < at99.ValueAtRisk, $"{horizon} days: {at95} {at99}");
            Assert.True(at95.ExpectedShortfall >= at95.ValueAtRisk && at99.ExpectedShortfall >= at99.ValueAtRisk);
        }
        Assert.True(estimate.Figure(10, 0.99).ValueAtRisk > 2 * estimate.Figure(1, 0.99).ValueAtRisk);
    }

    [Fact]
    public void TheOneDayVarIsTheNextVolatilityTimesAShockQuantile()
    {
        // With 1-day horizons FHS is μ + σ_{T+1}·z: the 99 % VaR of t6 shocks (unit variance) is ≈ 2.5 σ (a normal's 2.33).
        var estimate = RiskModel.Estimate(Returns, new RiskOptions { Paths = 50_000 });
        var multiple = estimate.Figure(1, 0.99).ValueAtRisk / estimate.NextVolatility;
        Assert.InRange(multiple, 2.3, 2.8);
    }

    [Fact]
    public void IsReproducibleForASeed()
    {
        var a = RiskModel.Estimate(Returns, new RiskOptions { Seed = 4 });
        var b = RiskModel.Estimate(Returns, new RiskOptions { Seed = 4 });
        var c = RiskModel.Estimate(Returns, new RiskOptions { Seed = 5 });
        Assert.Equal(a.Figures, b.Figures);
        Assert.NotEqual(a.Figure(10, 0.99), c.Figure(10, 0.99));
    }

    [Fact]
    public void HigherRecentVolatilityRaisesTheVar()
    {
        // The same history ending in a week of 4 % moves: the next day's VaR must reflect it.
        var calm = RiskModel.Estimate(Returns, new RiskOptions());
        var stressed = RiskModel.Estimate([.. Returns, -0.04, 0.04, -0.04, 0.04, -0.04], new RiskOptions());
        Assert.True(stressed.Figure(1, 0.99).ValueAtRisk > 1.5 * calm.Figure(1, 0.99).ValueAtRisk);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => RiskModel.Estimate(Returns, new RiskOptions { Levels = [99] }));
        Assert.Throws<ArgumentException>(() => RiskModel.Estimate(Returns, new RiskOptions { Horizons = [0] }));
        Assert.Throws<ArgumentException>(() => RiskModel.Estimate(Returns, new RiskOptions { Paths = 10 }));
    }
}
