using Project01.Risk.Simulation;

namespace Project01.Risk.Tests;

public sealed class TailRiskTests
{
    [Fact]
    public void VarIsTheLossQuantileAndEsTheMeanBeyondIt()
    {
        // Returns −1 … −100 (in any order) are losses 1 … 100: the 95 % quantile is the 95th smallest, 95; the ES is the
        // mean of the 5 largest, 96 … 100 → 98. At 99 %: VaR 99, ES 100.
        var returns = Enumerable.Range(1, 100).Select(i => -(double)((i * 37) % 100 + 1)).ToArray();
        var risks = TailRisk.FromReturns(returns, [0.95, 0.99]);
        Assert.Equal(new TailRisk(95, 98), risks[0]);
        Assert.Equal(new TailRisk(99, 100), risks[1]);
    }

    [Fact]
    public void GainsGiveNegativeVar()
    {
        // Every outcome a gain: the "loss" at the quantile is negative, reported as is rather than clipped.
        var risks = TailRisk.FromReturns(Enumerable.Range(1, 1000).Select(i => i / 1000.0).ToArray(), [0.99]);
        Assert.Equal(-0.011, risks[0].ValueAtRisk, 12);
        Assert.True(risks[0].ExpectedShortfall >= risks[0].ValueAtRisk);
    }

    [Fact]
    public void ATinySampleUsesItsWorstOutcome()
    {
        var risks = TailRisk.FromReturns(new double[] { 0.01, -0.02, 0.005 }, [0.99]);
        Assert.Equal(new TailRisk(0.02, 0.02), risks[0]);
    }
}
