using Project01.Risk.Garch;

namespace Project01.Risk.Tests;

public sealed class GarchEstimatorTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void RecoversTheParametersOfALongSimulatedSeries(int seed)
    {
        var truth = SimulatedGarch.Equity;
        var fit = GarchEstimator.Fit(SimulatedGarch.Returns(truth, 8000, seed));

        // Asymptotic standard errors at T = 8000 are about 0.007 (α) and 0.009 (β); these bounds are ~3 of them.
        var p = fit.Parameters;
        Assert.InRange(p.Alpha, truth.Alpha - 0.02, truth.Alpha + 0.02);
        Assert.InRange(p.Beta, truth.Beta - 0.03, truth.Beta + 0.03);
        Assert.InRange(Math.Sqrt(p.UnconditionalVariance), 0.010, 0.0145);
        Assert.InRange(p.Mu, truth.Mu - 0.0003, truth.Mu + 0.0003);
        Assert.Equal(8000, fit.Observations);
    }

    [Fact]
    public void StudentTShocksStillGiveConsistentQuasiLikelihoodEstimates()
    {
        // Gaussian QMLE with fat-tailed (t5) shocks: consistent, if less precise, hence wider bounds.
        var truth = SimulatedGarch.Equity;
        var p = GarchEstimator.Fit(SimulatedGarch.Returns(truth, 8000, seed: 5, degreesOfFreedom: 5)).Parameters;
        Assert.InRange(p.Alpha, truth.Alpha - 0.03, truth.Alpha + 0.03);
        Assert.InRange(p.Beta, truth.Beta - 0.04, truth.Beta + 0.04);
    }

    [Fact]
    public void TheFitIsAtLeastAsLikelyAsTheTruthAndNearbyPoints()
    {
        var truth = SimulatedGarch.Equity;
        var returns = SimulatedGarch.Returns(truth, 3000, seed: 3);
        var fit = GarchEstimator.Fit(returns);

        Assert.True(fit.LogLikelihood >= GarchFilter.GaussianLogLikelihood(returns, truth));
        var p = fit.Parameters;
        foreach (var nearby in new[]
        {
            p with { Alpha = p.Alpha * 1.05 }, p with { Alpha = p.Alpha * 0.95 }, p with { Beta = p.Beta * 0.99 },
            p with { Omega = p.Omega * 1.1 }, p with { Omega = p.Omega * 0.9 }, p with { Mu = p.Mu + 0.0002 },
        })
            Assert.True(fit.LogLikelihood >= GarchFilter.GaussianLogLikelihood(returns, nearby), $"{nearby} beats the fit");
    }

    [Fact]
    public void TheFitIsStationaryAndScaleEquivariant()
    {
        var returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 2000, seed: 8);
        var fit = GarchEstimator.Fit(returns).Parameters;
        var inPercent = GarchEstimator.Fit(returns.Select(r => 100 * r).ToArray()).Parameters;

        Assert.True(fit.Persistence < 1 && fit.Alpha >= 0 && fit.Beta >= 0 && fit.Omega > 0);
        // Returns in percent: ω scales by 100², μ by 100, α and β not at all.
        Assert.Equal(fit.Alpha, inPercent.Alpha, 3);
        Assert.Equal(fit.Beta, inPercent.Beta, 3);
        Assert.Equal(fit.Omega * 1e4, inPercent.Omega, fit.Omega * 1e4 * 0.01);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void GjrRecoversTheLeverageOfALongSimulatedSeries(int seed)
    {
        var truth = SimulatedGarch.Leveraged;
        var fit = GarchEstimator.Fit(SimulatedGarch.Returns(truth, 8000, seed), VolatilityModel.GjrGarch).Parameters;

        // γ's standard error at T = 8000 is about 0.015; α's and β's are under 0.01.
        Assert.InRange(fit.Gamma, truth.Gamma - 0.05, truth.Gamma + 0.05);
        Assert.InRange(fit.Alpha, 0, truth.Alpha + 0.03);
        Assert.InRange(fit.Beta, truth.Beta - 0.03, truth.Beta + 0.03);
        Assert.True(fit.Persistence < 1);
    }

    [Fact]
    public void GjrNestsGarchSoItIsAtLeastAsLikelyAndFindsLittleLeverageWhereThereIsNone()
    {
        var symmetric = SimulatedGarch.Returns(SimulatedGarch.Equity, 5000, seed: 4);
        var garch = GarchEstimator.Fit(symmetric);
        var gjr = GarchEstimator.Fit(symmetric, VolatilityModel.GjrGarch);
        Assert.Equal(0, garch.Parameters.Gamma);
        Assert.True(gjr.LogLikelihood >= garch.LogLikelihood - 1e-6, $"GJR {gjr.LogLikelihood} < GARCH {garch.LogLikelihood}");
        Assert.InRange(gjr.Parameters.Gamma, 0, 0.04);

        // On leveraged data the extra parameter is worth far more than the 1.92 a likelihood-ratio test asks at 5 %.
        var leveraged = SimulatedGarch.Returns(SimulatedGarch.Leveraged, 5000, seed: 4);
        var gain = GarchEstimator.Fit(leveraged, VolatilityModel.GjrGarch).LogLikelihood - GarchEstimator.Fit(leveraged).LogLikelihood;
        Assert.True(gain > 10, $"log-likelihood gain {gain}");
    }

    [Fact]
    public void AFallRaisesTomorrowsVarianceMoreThanARiseUnderGjrOnly()
    {
        var p = SimulatedGarch.Leveraged;
        Assert.Equal(p.Omega + (p.Alpha + p.Gamma) * 0.0004 + p.Beta * 0.0001, p.NextVariance(-0.02, 0.0001), 15);
        Assert.Equal(p.Omega + p.Alpha * 0.0004 + p.Beta * 0.0001, p.NextVariance(0.02, 0.0001), 15);
        var symmetric = p with { Gamma = 0 };
        Assert.Equal(symmetric.NextVariance(0.02, 0.0001), symmetric.NextVariance(-0.02, 0.0001));
        Assert.Equal(p.Alpha + p.Beta + p.Gamma / 2, p.Persistence, 15);
    }

    [Fact]
    public void TooFewOrConstantReturnsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => GarchEstimator.Fit(new double[50]));
        Assert.Throws<ArgumentException>(() => GarchEstimator.Fit(Enumerable.Repeat(0.001, 500).ToArray()));
        Assert.Throws<ArgumentException>(() => GarchEstimator.Fit([.. Enumerable.Repeat(0.001, 499), double.NaN]));
    }
}
