namespace Project01.Contracts;

/// <summary>One feature in one calendar window, compared with the model's training span (null = too few values to say).
/// <c>PsiAlertLevel</c> is the PSI this window needed for an alert: the threshold, or sampling noise at its size if higher.</summary>
public sealed record DriftWindowDto(DateTime Start, DateTime End, int Count, double? Psi, double? KsStatistic, double? KsPValue,
    double? WassersteinSd, double? JensenShannon, double? MissingRate, double? OutOfRangeRate, string Level, double? PsiAlertLevel = null);

public sealed record FeatureDriftDto(string Feature, string Level, int ReferenceCount, double? ReferenceMean, double? ReferenceSd,
    double? LatestPsi, double? MaxPsi, IReadOnlyList<DriftWindowDto> Windows);

public sealed record QualityIssueDto(string Kind, string Subject, string Severity, string Detail);

public sealed record DriftThresholdsDto(double PsiWarning, double PsiAlert, int MinWindowCount, int Bins);

/// <summary>A drift check of one model version: reference = its training span, current = after its validation span.</summary>
public sealed record DriftReportDto(long Id, string Model, int Version, DateTime ComputedAt, DateTime ReferenceStart, DateTime ReferenceEnd,
    DateTime CurrentStart, DateTime CurrentEnd, int Symbols, DriftThresholdsDto Thresholds, IReadOnlyList<string> AlertFeatures,
    IReadOnlyList<string> WarningFeatures, IReadOnlyList<FeatureDriftDto> Features, IReadOnlyList<QualityIssueDto> Quality);

/// <summary>The newest drift check of a model, without the per-window series.</summary>
public sealed record DriftSummaryDto(long Id, string Model, int Version, DateTime ComputedAt, IReadOnlyList<string> AlertFeatures,
    IReadOnlyList<string> WarningFeatures, int QualityIssues);

/// <summary>One month of a version's out-of-sample forecasts against what happened (null = undefined, e.g. too few).</summary>
public sealed record MonthPerformanceDto(DateTime Month, int Count, double? Ic, double? RankIc, double? HitRate, double? Rmse, double? NaiveRmse);

/// <summary>Forecast quality of a ret1 model version month by month; the naive RMSE is that of forecasting no change.</summary>
public sealed record ModelPerformanceDto(string Model, int Version, string Target, IReadOnlyList<MonthPerformanceDto> Months);
