using MathNet.Numerics.Distributions;

namespace Project01.Modeling.Evaluation;

/// <summary>
/// Diebold–Mariano (1995) test of equal predictive accuracy with the Harvey–Leybourne–Newbold (1997) small-sample
/// correction, computed as R's <c>forecast::dm.test</c> does: d_t = loss_a,t − loss_b,t; its variance from the
/// autocovariances up to lag h − 1 (h-step forecasts overlap, so their losses are correlated up to h − 1); the
/// statistic scaled by √((T + 1 − 2h + h(h − 1)/T) / T) and compared with Student's t on T − 1 degrees of freedom.
/// </summary>
public static class DieboldMariano
{
    /// <param name="Periods">T, the number of loss differences.</param>
    /// <param name="MeanDifference">mean of loss_a − loss_b: positive when b forecast better.</param>
    /// <param name="Statistic">the HLN-corrected statistic.</param>
    /// <param name="PValue">one-sided p-value of "b is more accurate than a" (R's <c>alternative = "greater"</c>).</param>
    /// <param name="Horizon">the lag window actually used (1 when the h-lag variance came out non-positive, as R does).</param>
    public sealed record Result(int Periods, double MeanDifference, double Statistic, double PValue, int Horizon);

    public static Result Test(ReadOnlySpan<double> lossA, ReadOnlySpan<double> lossB, int horizon)
    {
        if (lossA.Length != lossB.Length) throw new ArgumentException("both forecasts need a loss for every period");
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var n = lossA.Length;
        if (n < 3) throw new ArgumentException($"the test needs at least 3 periods, not {n}");
        var d = new double[n];
        for (var t = 0; t < n; t++) d[t] = lossA[t] - lossB[t];
        var mean = d.Average();

        var h = Math.Min(horizon, n - 1);
        while (true)
        {
            // Autocovariances divided by T, as R's acf(type = "covariance").
            var variance = 0.0;
            for (var k = 0; k < h; k++)
            {
                var gamma = 0.0;
                for (var t = k; t < n; t++) gamma += (d[t] - mean) * (d[t - k] - mean);
                variance += (k == 0 ? 1 : 2) * gamma / n;
            }
            variance /= n;
            if (variance > 0)
            {
                var correction = Math.Sqrt((n + 1 - 2.0 * h + (double)h / n * (h - 1)) / n);
                var statistic = mean / Math.Sqrt(variance) * correction;
                return new Result(n, mean, statistic, 1 - StudentT.CDF(0, 1, n - 1, statistic), h);
            }
            // Identical losses: no evidence either way.
            if (h == 1) return new Result(n, mean, 0, mean > 0 ? 0 : mean < 0 ? 1 : 0.5, 1);
            h = 1; // a non-positive long-run variance: fall back to the one-step variance, as forecast::dm.test does
        }
    }
}
