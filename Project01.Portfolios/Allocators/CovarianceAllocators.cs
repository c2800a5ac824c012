using MathNet.Numerics.LinearAlgebra;
using Project01.Portfolios.Backtest;
using Project01.Portfolios.Covariance;
using Project01.Portfolios.Optimisers;

namespace Project01.Portfolios.Allocators;

/// <summary>
/// Long-only mean-variance on the trailing window: μ the sample mean and Σ the Ledoit–Wolf estimate, both annualised
/// (×252) so that the risk aversion reads in yearly units. With <c>minimumVariance</c> μ is ignored (set to 0).
/// </summary>
public sealed class MeanVarianceAllocator(MeanVarianceOptions options, bool minimumVariance = false) : IAllocator
{
    public string Name => minimumVariance ? "min-var" : "mv";

    public double[] Allocate(Matrix<double> history, IReadOnlyList<double> held)
    {
        var sigma = LedoitWolf.Estimate(history).Matrix * 252;
        var mu = minimumVariance ? Vector<double>.Build.Dense(history.ColumnCount) : history.ColumnSums() / history.RowCount * 252;
        return MeanVariance.Solve(mu, sigma, options);
    }
}

/// <summary>Equal risk contributions under the trailing window's Ledoit–Wolf covariance.</summary>
public sealed class RiskParityAllocator : IAllocator
{
    public string Name => "rp";
    public double[] Allocate(Matrix<double> history, IReadOnlyList<double> held) => RiskParity.Solve(LedoitWolf.Estimate(history).Matrix);
}
