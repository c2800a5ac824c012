namespace Project01.Core.Tests.Indicators;

/// <summary>
/// Whole-window recomputations of each indicator straight from its TTR definition: every output looks at its window
/// afresh, with no running state, so they are slow and obviously right. NaN marks TTR's NA.
/// </summary>
internal static class Naive
{
    private static double[] Each(int length, int first, Func<int, double> at)
    {
        var result = new double[length];
        for (var t = 0; t < length; t++) result[t] = t < first ? double.NaN : at(t);
        return result;
    }

    private static double[] Window(IReadOnlyList<double> x, int end, int n)
    {
        var w = new double[n];
        for (var j = 0; j < n; j++) w[j] = x[end - n + 1 + j];
        return w;
    }

    /// <summary>TTR <c>WMA(x, n)</c>: Σ x[t−n+1+j]·(j+1), oldest first, over Σ 1..n (the order of TTR's C loop).</summary>
    public static double[] Wma(IReadOnlyList<double> x, int n) => Each(x.Count, n - 1, t =>
    {
        double numerator = 0, weights = 0;
        for (var j = 0; j < n; j++)
        {
            numerator += x[t - n + 1 + j] * (j + 1);
            weights += j + 1;
        }
        return numerator / weights;
    });

    /// <summary>TTR <c>ROC(x, n, type = "discrete")</c>.</summary>
    public static double[] Roc(IReadOnlyList<double> x, int n) => Each(x.Count, n, t => x[t] / x[t - n] - 1);

    /// <summary>ln x[t] − ln x[t−n]: TTR <c>ROC(x, n, type = "continuous")</c>.</summary>
    public static double[] LogReturn(IReadOnlyList<double> x, int n) => Each(x.Count, n, t => Math.Log(x[t]) - Math.Log(x[t - n]));

    /// <summary>TTR <c>momentum(x, n)</c>.</summary>
    public static double[] Momentum(IReadOnlyList<double> x, int n) => Each(x.Count, n, t => x[t] - x[t - n]);

    /// <summary>TTR <c>runMax(x, n)</c>.</summary>
    public static double[] RunMax(IReadOnlyList<double> x, int n) => Each(x.Count, n - 1, t => Window(x, t, n).Max());

    /// <summary>TTR <c>runMin(x, n)</c>.</summary>
    public static double[] RunMin(IReadOnlyList<double> x, int n) => Each(x.Count, n - 1, t => Window(x, t, n).Min());

    /// <summary><c>(x − runMean(x, n)) / runSD(x, n, sample)</c>, each window two-pass; NaN where the SD is 0.</summary>
    public static double[] ZScore(IReadOnlyList<double> x, int n, bool sample = true) => Each(x.Count, n - 1, t =>
    {
        var w = Window(x, t, n);
        var mean = w.Sum() / n;
        var sd = Math.Sqrt(w.Sum(v => (v - mean) * (v - mean)) / (sample ? n - 1 : n));
        return sd > 0 ? (x[t] - mean) / sd : double.NaN;
    });

    /// <summary>|mean|/σ of each window: how much a z-score magnifies rounding in the mean.</summary>
    public static double[] MeanOverDeviation(IReadOnlyList<double> x, int n, bool sample = true) => Each(x.Count, n - 1, t =>
    {
        var w = Window(x, t, n);
        var mean = w.Sum() / n;
        return Math.Abs(mean) / Math.Sqrt(w.Sum(v => (v - mean) * (v - mean)) / (sample ? n - 1 : n));
    });

    /// <summary>
    /// TTR <c>stoch(HLC, nFastK, nFastD, nSlowD)</c> columns fastK, fastD, slowD (SMA, smooth = 1, bounded), with 0.5
    /// where the window is flat; each average is the plain mean of its window of defined values.
    /// </summary>
    public static (double[] FastK, double[] FastD, double[] SlowD) Stoch(
        IReadOnlyList<double> high, IReadOnlyList<double> low, IReadOnlyList<double> close, int nFastK = 14, int nFastD = 3, int nSlowD = 3)
    {
        var fastK = Each(close.Count, nFastK - 1, t =>
        {
            var hh = Window(high, t, nFastK).Max();
            var ll = Window(low, t, nFastK).Min();
            return hh == ll ? 0.5 : (close[t] - ll) / (hh - ll);
        });
        var fastD = Each(close.Count, nFastK + nFastD - 2, t => Window(fastK, t, nFastD).Sum() / nFastD);
        var slowD = Each(close.Count, nFastK + nFastD + nSlowD - 3, t => Window(fastD, t, nSlowD).Sum() / nSlowD);
        return (fastK, fastD, slowD);
    }

    /// <summary>
    /// TTR <c>OBV(price, volume)</c> as written in R: <c>prChg &lt;- ROC(price)</c> (log changes);
    /// <c>obv &lt;- c(volume[1], ifelse(prChg &gt; 0, volume, -volume)[-1])</c>;
    /// <c>obv[abs(prChg) &lt; sqrt(.Machine$double.eps)] &lt;- 0</c>; <c>cumsum(obv)</c>.
    /// </summary>
    public static double[] Obv(IReadOnlyList<double> close, IReadOnlyList<double> volume)
    {
        var epsilon = Math.Pow(2, -52);
        var signed = new double[close.Count];
        for (var t = 0; t < close.Count; t++)
        {
            if (t == 0) { signed[t] = volume[0]; continue; }
            var change = Math.Log(close[t]) - Math.Log(close[t - 1]);
            signed[t] = Math.Abs(change) < Math.Sqrt(epsilon) ? 0 : change > 0 ? volume[t] : -volume[t];
        }
        var obv = new double[close.Count];
        double total = 0;
        for (var t = 0; t < close.Count; t++) obv[t] = total += signed[t];
        return obv;
    }

    /// <summary>Every pair i ≤ j of the window: the largest 1 − x[j]/x[i].</summary>
    public static double[] MaxDrawdown(IReadOnlyList<double> x, int n) => Each(x.Count, n - 1, t =>
    {
        double worst = 0;
        for (var i = t - n + 1; i <= t; i++)
            for (var j = i; j <= t; j++)
                worst = Math.Max(worst, 1 - x[j] / x[i]);
        return worst;
    });

    /// <summary>v[t] / mean(v[t−n+1..t]); NaN while the mean is 0.</summary>
    public static double[] VolumeRatio(IReadOnlyList<double> volume, int n) => Each(volume.Count, n - 1, t =>
    {
        var mean = Window(volume, t, n).Sum() / n;
        return mean > 0 ? volume[t] / mean : double.NaN;
    });

    /// <summary>√(252/n · Σ r²) over the n log returns ending at t.</summary>
    public static double[] RealizedVolatility(IReadOnlyList<double> x, int n, double periodsPerYear = 252) => Each(x.Count, n, t =>
    {
        double squares = 0;
        for (var k = t - n + 1; k <= t; k++)
        {
            var r = Math.Log(x[k]) - Math.Log(x[k - 1]);
            squares += r * r;
        }
        return Math.Sqrt(squares * periodsPerYear / n);
    });
}
