using MathNet.Numerics.LinearAlgebra;
using Project01.Portfolios.Covariance;
using Project01.Portfolios.Optimisers;

namespace Project01.Portfolios.Tests;

public sealed class OptimiserTests
{
    private static Matrix<double> Covariance(int assets, int seed)
    {
        var x = LedoitWolfTests.Random(300, assets, seed);
        var common = LedoitWolfTests.Random(300, 1, seed + 1);
        for (var t = 0; t < 300; t++)
            for (var i = 0; i < assets; i++) x[t, i] = 0.01 * (1 + i % 4) * x[t, i] + 0.008 * common[t, 0];
        return LedoitWolf.Estimate(x).Matrix;
    }

    [Theory]
    [InlineData(0.3, 1.0)]
    [InlineData(0.2, 0.2)]
    [InlineData(0.07, 5.0)]
    public void ProjectionOntoTheCappedSimplexSumsToOneWithinBounds(double cap, double scale)
    {
        var v = LedoitWolfTests.Random(1, 20, seed: 11).Row(0) * scale;
        var w = CappedSimplex.Project(v.ToArray(), cap);
        Assert.Equal(1, w.Sum(), 12);
        Assert.All(w, x => Assert.InRange(x, 0, cap));
        // It is the nearest such point: moving weight between two assets inside the bounds never gets closer to v.
        var distance = Distance(v.ToArray(), w);
        for (var i = 0; i < w.Length; i++)
            for (var j = 0; j < w.Length; j++)
            {
                if (i == j || w[i] > cap - 1e-3 || w[j] < 1e-3) continue;
                var moved = (double[])w.Clone();
                moved[i] += 1e-3; moved[j] -= 1e-3;
                Assert.True(Distance(v.ToArray(), moved) >= distance - 1e-12);
            }
    }

    [Fact]
    public void ACapTooSmallToSumToOneIsRefused() =>
        Assert.Throws<ArgumentException>(() => CappedSimplex.Project(new double[10], 0.05));

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(5.0, 0.15)]
    [InlineData(50.0, 0.1)]
    public void MeanVarianceSatisfiesTheConstraintsAndTheOptimalityConditions(double riskAversion, double cap)
    {
        const int n = 12;
        var sigma = Covariance(n, seed: 21) * 252;
        var mu = Vector<double>.Build.Dense(n, i => 0.02 + 0.015 * (i % 5));
        var w = MeanVariance.Solve(mu, sigma, new MeanVarianceOptions(riskAversion, cap));

        Assert.Equal(1, w.Sum(), 10);
        Assert.All(w, x => Assert.InRange(x, -1e-12, cap + 1e-12));
        // KKT: with g = μ − λΣw, every asset strictly inside the bounds has the same g (the budget's multiplier ν),
        // assets at 0 have g ≤ ν and assets at the cap g ≥ ν.
        var g = mu - riskAversion * (sigma * Vector<double>.Build.DenseOfArray(w));
        var inside = Enumerable.Range(0, n).Where(i => w[i] > 1e-6 && w[i] < cap - 1e-6).ToList();
        Assert.NotEmpty(inside);
        var nu = inside.Average(i => g[i]);
        foreach (var i in Enumerable.Range(0, n))
        {
            if (inside.Contains(i)) Assert.Equal(nu, g[i], 6);
            else if (w[i] <= 1e-6) Assert.True(g[i] <= nu + 1e-6, $"asset {i} at 0 with gradient {g[i]} above {nu}");
            else Assert.True(g[i] >= nu - 1e-6, $"asset {i} at the cap with gradient {g[i]} below {nu}");
        }
    }

    [Fact]
    public void MinimumVarianceMatchesTheClosedFormWhenNoBoundBinds()
    {
        // Uncorrelated assets: the minimum-variance weights are ∝ 1/σᵢ², all positive, so Σ⁻¹1 / 1ᵀΣ⁻¹1 is the answer.
        var sigma = Matrix<double>.Build.DenseOfDiagonalArray([0.04, 0.09, 0.01, 0.16]);
        var w = MeanVariance.Solve(Vector<double>.Build.Dense(4), sigma, new MeanVarianceOptions(1));
        double[] inverse = [25, 100.0 / 9, 100, 6.25];
        var total = inverse.Sum();
        for (var i = 0; i < 4; i++) Assert.Equal(inverse[i] / total, w[i], 8);
    }

    [Fact]
    public void RiskParityEqualisesRiskContributions()
    {
        var sigma = Covariance(30, seed: 31);
        var w = RiskParity.Solve(sigma);
        Assert.Equal(1, w.Sum(), 12);
        Assert.All(w, x => Assert.True(x > 0));
        Assert.All(RiskParity.RiskContributions(w, sigma), rc => Assert.Equal(1.0 / 30, rc, 6));
        // Not the trivial answer: with unequal volatilities the weights differ.
        Assert.True(w.Max() / w.Min() > 1.5);
    }

    [Fact]
    public void RiskParityIsInverseVolatilityWhenAssetsAreUncorrelated()
    {
        var sigma = Matrix<double>.Build.DenseOfDiagonalArray([0.04, 0.01, 0.25]);
        var w = RiskParity.Solve(sigma);
        double[] inverseVol = [5, 10, 2];
        for (var i = 0; i < 3; i++) Assert.Equal(inverseVol[i] / 17, w[i], 10);
    }

    private static double Distance(double[] a, double[] b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();
}
