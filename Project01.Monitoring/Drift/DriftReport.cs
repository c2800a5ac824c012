namespace Project01.Monitoring.Drift;

/// <summary>
/// When a window counts as drifted. PSI 0.1 / 0.25 are the industry's customary "watch" / "act" levels; a window must
/// also beat the PSI that sampling noise reaches at its size (one-sided z 1.645 for a warning, 2.326 for an alert), so
/// small windows are not flagged for being small.
/// </summary>
public sealed record DriftThresholds(double PsiWarning = 0.1, double PsiAlert = 0.25, int MinWindowCount = 15, int Bins = 10,
    double OutOfRangeWarning = 0.01, double OutOfRangeAlert = 0.05, double MissingIncrease = 0.05, int StaleDays = 7,
    double WarningZ = 1.645, double AlertZ = 2.326);

public enum DriftLevel { Ok, Warning, Alert, Insufficient }

/// <summary>One feature in one calendar window of the current span, compared with the reference span.</summary>
/// <param name="WassersteinSd">Wasserstein-1 distance in units of the reference's standard deviation.</param>
/// <param name="OutOfRangeRate">Share of the window's values outside the reference's [min, max].</param>
/// <param name="PsiAlertLevel">The PSI this window needed for an alert: the alert threshold or its noise level, whichever is higher.</param>
public sealed record WindowDrift(DateTime Start, DateTime End, int Count, double Psi, double KsStatistic, double KsPValue, double WassersteinSd,
    double JensenShannon, double MissingRate, double OutOfRangeRate, DriftLevel Level, double PsiAlertLevel = double.NaN);

public sealed record FeatureDrift(string Feature, int ReferenceCount, double ReferenceMean, double ReferenceSd, double ReferenceMissingRate,
    IReadOnlyList<WindowDrift> Windows)
{
    /// <summary>The newest window with enough values to judge.</summary>
    public WindowDrift? Latest => Windows.LastOrDefault(w => w.Level != DriftLevel.Insufficient);

    public DriftLevel Level => Latest?.Level ?? DriftLevel.Insufficient;
}

/// <summary>A data-quality problem: <paramref name="Kind"/> is missing, out_of_range, stuck, stale or no_data.</summary>
public sealed record QualityIssue(string Kind, string Subject, DriftLevel Severity, string Detail);

/// <param name="Symbols">Symbols compared: those with features in the current span (all, when it is empty).</param>
public sealed record DriftAnalysis(DateTime ReferenceStart, DateTime ReferenceEnd, DateTime CurrentStart, DateTime CurrentEnd, int Symbols,
    DriftThresholds Thresholds, IReadOnlyList<FeatureDrift> Features, IReadOnlyList<QualityIssue> Quality)
{
    public IEnumerable<FeatureDrift> Alerts => Features.Where(f => f.Level == DriftLevel.Alert);
}
