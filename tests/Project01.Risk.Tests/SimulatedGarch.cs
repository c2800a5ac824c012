using MathNet.Numerics.Distributions;
using Project01.Risk.Garch;

namespace Project01.Risk.Tests;

/// <summary>Seeded GARCH(1,1) and GJR-GARCH(1,1) series with known parameters, for checking what the fit and the backtest find.</summary>
public static class SimulatedGarch
{
    /// <summary>Typical daily equity-index dynamics: 1.2 % long-run volatility, α 0.08, β 0.9.</summary>
    public static readonly GarchParameters Equity = new(Mu: 0.0003, Omega: 0.02 * 0.012 * 0.012, Alpha: 0.08, Beta: 0.9);

    /// <summary>An equity index with the leverage effect: a fall adds γ 0.12 more of its square to tomorrow's variance.</summary>
    public static readonly GarchParameters Leveraged = new(Mu: 0.0003, Omega: 0.02 * 0.012 * 0.012, Alpha: 0.03, Beta: 0.89, Gamma: 0.12);

    /// <param name="degreesOfFreedom">Student-t shocks scaled to unit variance; null for Gaussian ones.</param>
    public static double[] Returns(GarchParameters p, int count, int seed, double? degreesOfFreedom = null)
    {
        var random = new Random(seed);
        var returns = new double[count];
        var variance = p.UnconditionalVariance;
        // A burn-in so the series does not start from the long-run variance exactly.
        for (var t = -500; t < count; t++)
        {
            var shock = Math.Sqrt(variance) * Shock(random, degreesOfFreedom);
            if (t >= 0) returns[t] = p.Mu + shock;
            variance = p.NextVariance(shock, variance);
        }
        return returns;
    }

    private static double Shock(Random random, double? degreesOfFreedom) => degreesOfFreedom is { } nu
        ? StudentT.Sample(random, 0, 1, nu) * Math.Sqrt((nu - 2) / nu)
        : Normal.Sample(random, 0, 1);
}
