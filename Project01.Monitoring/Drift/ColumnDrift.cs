namespace Project01.Monitoring.Drift;

/// <summary>
/// One numeric column of a reference sample against a current one: PSI and Jensen–Shannon distance (base 2) on bins cut
/// at the reference's quantiles, the KS statistic and p-value, and the Wasserstein-1 distance in units of the
/// reference's standard deviation (Evidently's "normed" Wasserstein, so 0.1 means the same on returns as on RSI). The
/// standard deviation is the sample one (n − 1), as in <see cref="FeatureDriftAnalyzer"/>'s reports; a constant
/// reference leaves the distance in raw units. <see cref="Drifted"/> follows <see cref="DatasetDrift.IsDrifted"/>.
/// </summary>
public sealed record ColumnDrift(string Column, int ReferenceCount, int CurrentCount, double Psi, double KsStatistic, double KsPValue,
    double Wasserstein, double JensenShannon, bool Drifted)
{
    /// <summary>Most PSI/JS bins; fewer when the smaller sample cannot fill them (see <see cref="DriftStatistics.BinsFor"/>).</summary>
    public const int MaxBins = 10;

    /// <summary>Compares the finite values of two samples (any order); both need at least one.</summary>
    public static ColumnDrift Compare(string column, IEnumerable<double> reference, IEnumerable<double> current)
    {
        var r = SortedFinite(reference);
        var c = SortedFinite(current);
        if (r.Length == 0 || c.Length == 0)
            throw new ArgumentException($"column '{column}': no finite {(r.Length == 0 ? "reference" : "current")} values to compare");

        var edges = DriftStatistics.QuantileEdges(r, DriftStatistics.BinsFor(Math.Min(r.Length, c.Length), MaxBins));
        var expected = DriftStatistics.BinShares(r, edges);
        var actual = DriftStatistics.BinShares(c, edges);
        var (ks, p) = DriftStatistics.KolmogorovSmirnov(r, c);
        var sd = StandardDeviation(r);
        var wasserstein = DriftStatistics.Wasserstein1(r, c) / (sd > 0 ? sd : 1);
        return new ColumnDrift(column, r.Length, c.Length, DriftStatistics.Psi(expected, actual), ks, p, wasserstein,
            DriftStatistics.JensenShannon(expected, actual), DatasetDrift.IsDrifted(r.Length, p, wasserstein));
    }

    private static double[] SortedFinite(IEnumerable<double> values)
    {
        var array = values.Where(double.IsFinite).ToArray();
        Array.Sort(array);
        return array;
    }

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
