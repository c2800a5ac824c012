namespace Project01.Monitoring.Drift;

/// <summary>
/// When a window counts as drifted. Size first: the normed Wasserstein-1 distance of the window from the reference
/// (Evidently's measure for large references) must exceed what the reference's own windows reached — the largest for
/// an alert, the <see cref="WarningQuantile"/> for a warning, and at least <see cref="MinWasserstein"/> (Evidently's
/// 0.1) — so a calm quarter after a training span that held calm and stormy ones is not news, while a storm after a
/// calm training span is. Then evidence: the KS test must reject at <see cref="AlertKsP"/> (<see cref="WarningKsP"/>),
/// so a small window is not flagged for being small. Windows are <see cref="WindowMonths"/> calendar months (a
/// quarter: about 63 daily values per symbol); the data set drifts in a window when at least
/// <see cref="DatasetDrift.DriftShare"/> of the inputs are alerts there. PSI and Jensen–Shannon are reported alongside.
/// </summary>
public sealed record DriftThresholds(int WindowMonths = 3, int MinWindowCount = 15, int Bins = 10, double WarningQuantile = 0.9,
    double MinWasserstein = 0.1, double AlertKsP = 0.01, double WarningKsP = 0.05,
    double OutOfRangeWarning = 0.01, double OutOfRangeAlert = 0.05, double MissingIncrease = 0.05, int StaleDays = 7);

public enum DriftLevel { Ok, Warning, Alert, Insufficient }

/// <summary>One feature in one calendar window of the current span, compared with the reference span.</summary>
/// <param name="WassersteinSd">Wasserstein-1 distance in units of the reference's standard deviation.</param>
/// <param name="OutOfRangeRate">Share of the window's values outside the reference's [min, max].</param>
/// <param name="AlertLevel">The normed Wasserstein distance this window needed for an alert: the largest its reference's own
/// windows reached, or the floor.</param>
public sealed record WindowDrift(DateTime Start, DateTime End, int Count, double Psi, double KsStatistic, double KsPValue, double WassersteinSd,
    double JensenShannon, double MissingRate, double OutOfRangeRate, DriftLevel Level, double AlertLevel = double.NaN);

public sealed record FeatureDrift(string Feature, int ReferenceCount, double ReferenceMean, double ReferenceSd, double ReferenceMissingRate,
    IReadOnlyList<WindowDrift> Windows)
{
    /// <summary>The newest window with enough values to judge.</summary>
    public WindowDrift? Latest => Windows.LastOrDefault(w => w.Level != DriftLevel.Insufficient);

    public DriftLevel Level => Latest?.Level ?? DriftLevel.Insufficient;
}

/// <summary>The whole input set in one window: how many inputs are alerts there, and whether that is dataset drift.</summary>
public sealed record DatasetWindow(DateTime Start, DateTime End, int Judged, int Drifted, double DriftedShare, bool DatasetDrift);

/// <summary>A data-quality problem: <paramref name="Kind"/> is missing, out_of_range, stuck, stale, no_data or split_like.</summary>
public sealed record QualityIssue(string Kind, string Subject, DriftLevel Severity, string Detail);

/// <param name="Symbols">Symbols compared: those with features in the current span (all, when it is empty).</param>
public sealed record DriftAnalysis(DateTime ReferenceStart, DateTime ReferenceEnd, DateTime CurrentStart, DateTime CurrentEnd, int Symbols,
    DriftThresholds Thresholds, IReadOnlyList<FeatureDrift> Features, IReadOnlyList<QualityIssue> Quality)
{
    public IEnumerable<FeatureDrift> Alerts => Features.Where(f => f.Level == DriftLevel.Alert);

    /// <summary>Per window, the share of inputs in alert and whether the data set drifted (share ≥ 0.5).</summary>
    public IReadOnlyList<DatasetWindow> Dataset => [.. Features.SelectMany(f => f.Windows).Where(w => w.Level != DriftLevel.Insufficient)
        .GroupBy(w => (w.Start, w.End)).OrderBy(g => g.Key.Start).Select(g =>
        {
            var (drifted, share) = DatasetDrift.Of(g.Select(w => w.Level == DriftLevel.Alert));
            return new DatasetWindow(g.Key.Start, g.Key.End, g.Count(), g.Count(w => w.Level == DriftLevel.Alert), share, drifted);
        })];

    /// <summary>Whether the newest judged window drifted as a data set.</summary>
    public bool DatasetDrifted => Dataset.LastOrDefault()?.DatasetDrift ?? false;
}
