using Project01.Risk.Garch;

namespace Project01.Risk.Simulation;

/// <summary>
/// Filtered historical simulation (Barone-Adesi, Giannopoulos and Vosper, 1999): each path draws standardised residuals
/// of the fitted model with replacement and feeds them back through the GARCH recursion, so a large draw raises the
/// next days' volatility as it did in the data (more after a fall, under GJR). The shocks keep their empirical fat tails and skew; only the volatility
/// dynamics come from the model.
/// </summary>
public static class FilteredHistoricalSimulation
{
    /// <summary>
    /// Cumulative log returns of <paramref name="paths"/> paths at each horizon: row k holds the sums over the first
    /// <c>horizons[k]</c> days. All horizons come from the same paths (day 1 of a 10-day path is a 1-day path).
    /// </summary>
    /// <param name="nextVariance">σ²_{T+1}, the variance of the first simulated day.</param>
    public static double[][] CumulativeReturns(GarchParameters model, double nextVariance, ReadOnlySpan<double> residuals,
        IReadOnlyList<int> horizons, int paths, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        if (residuals.IsEmpty) throw new ArgumentException("FHS needs residuals to draw from");
        if (horizons.Count == 0 || horizons.Any(h => h < 1)) throw new ArgumentException("horizons are whole days, at least 1");
        var longest = horizons.Max();
        // Which horizon (if any) ends on each day, so the inner loop stores sums without searching.
        var endsOn = new int[longest + 1];
        Array.Fill(endsOn, -1);
        for (var k = 0; k < horizons.Count; k++) endsOn[horizons[k]] = k;

        var sums = new double[horizons.Count][];
        for (var k = 0; k < sums.Length; k++) sums[k] = new double[paths];
        var (mu, omega, alpha, beta, gamma) = (model.Mu, model.Omega, model.Alpha, model.Beta, model.Gamma);
        for (var path = 0; path < paths; path++)
        {
            var variance = nextVariance;
            var sum = 0.0;
            for (var day = 1; day <= longest; day++)
            {
                var shock = Math.Sqrt(variance) * residuals[random.Next(residuals.Length)];
                sum += mu + shock;
                if (endsOn[day] >= 0) sums[endsOn[day]][path] = sum;
                variance = omega + (shock < 0 ? alpha + gamma : alpha) * shock * shock + beta * variance;
            }
        }
        return sums;
    }
}
