namespace Project01.Monitoring.Drift;

/// <summary>
/// When a numeric column, and a whole data set, counts as drifted: Evidently's defaults (its automatic test selection
/// for numeric columns, and <c>DatasetDriftMetric</c>'s share), so a "drifted" here means what it means there.
/// <list type="bullet">
/// <item>A reference of at most <see cref="SmallReference"/> values: the two-sample KS test, drifted at p &lt;
/// <see cref="KsPValue"/>. The test is the right tool while samples are small, but with thousands of values it calls
/// every tiny, harmless difference significant.</item>
/// <item>A larger reference: the Wasserstein-1 distance in reference standard deviations, drifted at ≥
/// <see cref="WassersteinSd"/> — a size of change, which does not shrink into significance as samples grow.</item>
/// <item>The data set drifts when at least <see cref="DriftShare"/> of its columns do.</item>
/// </list>
/// Evidently treats numeric columns with at most five distinct values as categorical (χ² or Jensen–Shannon); the
/// columns compared here are continuous features, so that branch is left out.
/// </summary>
public static class DatasetDrift
{
    /// <summary>Largest reference (values) judged by the KS test; above it, by the normed Wasserstein distance.</summary>
    public const int SmallReference = 1000;

    /// <summary>A column with a small reference drifts when the KS p-value is below this.</summary>
    public const double KsPValue = 0.05;

    /// <summary>A column with a large reference drifts when the Wasserstein-1 distance is at least this many reference standard deviations.</summary>
    public const double WassersteinSd = 0.1;

    /// <summary>The data set drifts when at least this share of its columns drift.</summary>
    public const double DriftShare = 0.5;

    /// <summary>Whether one numeric column drifted, given the reference's size, the KS p-value and the normed Wasserstein-1
    /// distance. An undefined measure (NaN) never counts as drift.</summary>
    public static bool IsDrifted(int referenceCount, double ksPValue, double wassersteinSd) =>
        referenceCount <= SmallReference ? ksPValue < KsPValue : wassersteinSd >= WassersteinSd;

    /// <summary>The share of drifted columns and whether it reaches <see cref="DriftShare"/> (no columns: no drift).</summary>
    public static (bool DatasetDrift, double Share) Of(IEnumerable<bool> drifted)
    {
        int count = 0, yes = 0;
        foreach (var d in drifted)
        {
            count++;
            if (d) yes++;
        }
        var share = count == 0 ? 0 : (double)yes / count;
        return (count > 0 && share >= DriftShare, share);
    }
}
