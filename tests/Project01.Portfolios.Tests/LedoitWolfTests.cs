using MathNet.Numerics.LinearAlgebra;
using Project01.Portfolios.Covariance;

namespace Project01.Portfolios.Tests;

public sealed class LedoitWolfTests
{
    [Fact]
    public void MatchesTheClosedFormOnAHandCase()
    {
        // Rows (2,0), (−2,0), (0,1), (0,−1): means 0, S = diag(2, 0.5), μ = 1.25, d² = 2·0.75² = 1.125, and every
        // ‖x xᵀ − S‖² = 4.25, so b̄² = 4·4.25/16 = 1.0625 and δ = 1.0625/1.125 = 17/18.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0 }, { -2, 0 }, { 0, 1 }, { 0, -1 } });
        var shrunk = LedoitWolf.Estimate(x);
        Assert.Equal(17.0 / 18, shrunk.Shrinkage, 12);
        Assert.Equal(1.25, shrunk.Target, 12);
        Assert.Equal(23.25 / 18, shrunk.Matrix[0, 0], 12);
        Assert.Equal(21.75 / 18, shrunk.Matrix[1, 1], 12);
        Assert.Equal(0, shrunk.Matrix[0, 1], 12);
    }

    [Fact]
    public void KeepsTheSampleCovarianceWhenThereIsNothingToShrink()
    {
        // Many observations of series with variances 1, 4 and 9, far from any multiple of I: δ → 0 as T grows.
        var x = Random(5000, 3, seed: 3);
        for (var t = 0; t < 5000; t++) { x[t, 1] *= 2; x[t, 2] *= 3; }
        Assert.InRange(LedoitWolf.Estimate(x).Shrinkage, 0, 0.01);
        // Series whose true covariance is I itself: the target is right, and the estimate shrinks a lot more.
        Assert.InRange(LedoitWolf.Estimate(Random(5000, 3, seed: 4)).Shrinkage, 0.2, 1);
    }

    [Fact]
    public void IsWellConditionedWithFewerObservationsThanAssets()
    {
        // 20 days of 30 correlated assets: the sample covariance has rank ≤ 19, the shrunk one is positive definite.
        var x = Random(20, 30, seed: 7);
        var common = Random(20, 1, seed: 8);
        for (var t = 0; t < 20; t++) for (var i = 0; i < 30; i++) x[t, i] += common[t, 0];
        var shrunk = LedoitWolf.Estimate(x);
        var eigen = shrunk.Matrix.Evd(Symmetricity.Symmetric).EigenValues.Real();
        Assert.True(eigen.Minimum() >= shrunk.Shrinkage * shrunk.Target * (1 - 1e-9), $"smallest eigenvalue {eigen.Minimum()}");
        Assert.InRange(shrunk.Shrinkage, 0.01, 1);
        Assert.True(eigen.Maximum() / eigen.Minimum() < 1e4, $"condition number {eigen.Maximum() / eigen.Minimum()}");
    }

    internal static Matrix<double> Random(int rows, int columns, int seed)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed));
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => normal.Sample());
    }
}
