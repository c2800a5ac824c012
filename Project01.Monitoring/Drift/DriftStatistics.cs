namespace Project01.Monitoring.Drift;

/// <summary>
/// Distances between a reference sample and a current sample of one feature (the measures Evidently and NannyML
/// report): PSI and Jensen–Shannon on bins cut at the reference's quantiles, the two-sample Kolmogorov–Smirnov
/// statistic with its asymptotic p-value, and the Wasserstein-1 distance. Samples are sorted ascending and finite.
/// </summary>
public static class DriftStatistics
{
    /// <summary>Share given to an empty bin so PSI stays finite (the usual 1e-4 floor).</summary>
    public const double EmptyBinShare = 1e-4;

    /// <summary>
    /// Inner bin edges at the reference's 1/bins … (bins−1)/bins quantiles, taken as observed values (inverse empirical
    /// CDF, so no edge falls between two values of a discrete feature) with duplicates removed (a discrete feature gets
    /// fewer bins rather than empty ones). Bin i holds values in (edge[i−1], edge[i]].
    /// </summary>
    public static double[] QuantileEdges(ReadOnlySpan<double> sortedReference, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (sortedReference.IsEmpty) throw new ArgumentException("the reference sample is empty", nameof(sortedReference));
        var edges = new List<double>(bins - 1);
        for (var k = 1; k < bins; k++)
        {
            var edge = sortedReference[Math.Max(0, (int)Math.Ceiling((double)k / bins * sortedReference.Length) - 1)];
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }
        return [.. edges];
    }

    /// <summary>Share of values in each of the edges.Length + 1 bins.</summary>
    public static double[] BinShares(ReadOnlySpan<double> values, ReadOnlySpan<double> edges)
    {
        var counts = new double[edges.Length + 1];
        foreach (var v in values)
        {
            var i = edges.BinarySearch(v);
            // Exact hit on an edge belongs to the bin that edge closes; otherwise ~i is the first edge above v.
            counts[i >= 0 ? i : ~i]++;
        }
        if (values.Length > 0)
            for (var i = 0; i < counts.Length; i++) counts[i] /= values.Length;
        return counts;
    }

    /// <summary>Population stability index: Σ (a − e) · ln(a / e) over bins, empty bins floored at <see cref="EmptyBinShare"/>.</summary>
    public static double Psi(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length) throw new ArgumentException("expected and actual need the same bins");
        var psi = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i], EmptyBinShare);
            var a = Math.Max(actual[i], EmptyBinShare);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    /// <summary>
    /// Bins for comparing a sample of <paramref name="n"/> values: at most <paramref name="maxBins"/>, and few enough that
    /// each expects about five values (the χ² rule of thumb). More bins leave some empty by chance, and every empty bin
    /// adds ≈ 0.1 · ln(0.1 / 1e-4) ≈ 0.7 to PSI — a month of one symbol would always look drifted.
    /// </summary>
    public static int BinsFor(int n, int maxBins) => Math.Clamp(n / 5, 2, Math.Max(2, maxBins));

    /// <summary>Jensen–Shannon distance (square root of the divergence, base 2): 0 for equal bins, 1 for disjoint ones.</summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length) throw new ArgumentException("p and q need the same bins");
        var divergence = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2;
            if (p[i] > 0) divergence += p[i] * Math.Log2(p[i] / m) / 2;
            if (q[i] > 0) divergence += q[i] * Math.Log2(q[i] / m) / 2;
        }
        return Math.Sqrt(Math.Max(0, divergence));
    }

    /// <summary>Two-sample KS: D = sup |F_a − F_b| and its asymptotic p-value (Kolmogorov distribution with the
    /// Stephens small-sample correction, as in Numerical Recipes' kstwo).</summary>
    public static (double Statistic, double PValue) KolmogorovSmirnov(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.IsEmpty || sortedB.IsEmpty) return (double.NaN, double.NaN);
        int i = 0, j = 0;
        var d = 0.0;
        while (i < sortedA.Length && j < sortedB.Length)
        {
            var x = Math.Min(sortedA[i], sortedB[j]);
            while (i < sortedA.Length && sortedA[i] <= x) i++;
            while (j < sortedB.Length && sortedB[j] <= x) j++;
            d = Math.Max(d, Math.Abs((double)i / sortedA.Length - (double)j / sortedB.Length));
        }
        var n = (double)sortedA.Length * sortedB.Length / (sortedA.Length + sortedB.Length);
        var sqrtN = Math.Sqrt(n);
        return (d, KolmogorovQ((sqrtN + 0.12 + 0.11 / sqrtN) * d));
    }

    /// <summary>Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}.</summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda < 1e-3) return 1;
        double sum = 0, sign = 1, previous = 0;
        for (var k = 1; k <= 100; k++)
        {
            var term = sign * 2 * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) <= 1e-10 * Math.Abs(previous) || Math.Abs(term) <= 1e-16 * sum) return Math.Clamp(sum, 0, 1);
            sign = -sign;
            previous = term;
        }
        return 1; // the series did not converge: only happens for tiny λ, where the samples are indistinguishable
    }

    /// <summary>Wasserstein-1 (earth mover's) distance between two empirical distributions: ∫ |F_a(x) − F_b(x)| dx.</summary>
    public static double Wasserstein1(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.IsEmpty || sortedB.IsEmpty) return double.NaN;
        int i = 0, j = 0;
        var distance = 0.0;
        var x = Math.Min(sortedA[0], sortedB[0]);
        while (i < sortedA.Length || j < sortedB.Length)
        {
            var next = j >= sortedB.Length || (i < sortedA.Length && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            distance += Math.Abs((double)i / sortedA.Length - (double)j / sortedB.Length) * (next - x);
            x = next;
            while (i < sortedA.Length && sortedA[i] <= x) i++;
            while (j < sortedB.Length && sortedB[j] <= x) j++;
        }
        return distance;
    }

    /// <summary>Quantile with linear interpolation between order statistics (R type 7, numpy's default).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
