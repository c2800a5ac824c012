namespace Project01.Contracts;

/// <summary>One feature in one calendar window, compared with the model's training span (null = too few values to say).
/// <c>AlertLevel</c> is the normed Wasserstein distance this window needed for an alert: the largest the training span's
/// own windows reached (at least 0.1).</summary>
public sealed record DriftWindowDto(DateTime Start, DateTime End, int Count, double? Psi, double? KsStatistic, double? KsPValue,
    double? WassersteinSd, double? JensenShannon, double? MissingRate, double? OutOfRangeRate, string Level, double? AlertLevel = null);

/// <summary>All of a model's inputs in one window: how many are alerts, and whether that makes dataset drift (share ≥ 0.5).</summary>
public sealed record DatasetWindowDto(DateTime Start, DateTime End, int Judged, int Drifted, double DriftedShare, bool DatasetDrift);

public sealed record FeatureDriftDto(string Feature, string Level, int ReferenceCount, double? ReferenceMean, double? ReferenceSd,
    double? LatestPsi, double? MaxPsi, IReadOnlyList<DriftWindowDto> Windows);

public sealed record QualityIssueDto(string Kind, string Subject, string Severity, string Detail);

/// <summary>How windows are judged: <c>WindowMonths</c>-month windows; alert past the largest normed Wasserstein distance of the
/// training span's own windows (warning past its <c>WarningQuantile</c>), never under <c>MinWasserstein</c>, with the KS
/// test rejecting at <c>AlertKsP</c> (<c>WarningKsP</c>); dataset drift when <c>DatasetDriftShare</c> of the inputs are alerts.</summary>
public sealed record DriftThresholdsDto(int WindowMonths, int MinWindowCount, int Bins, double WarningQuantile, double MinWasserstein, double AlertKsP,
    double WarningKsP, double DatasetDriftShare);

/// <summary>A drift check of one model version: reference = its training span, current = after its validation span.</summary>
public sealed record DriftReportDto(long Id, string Model, int Version, DateTime ComputedAt, DateTime ReferenceStart, DateTime ReferenceEnd,
    DateTime CurrentStart, DateTime CurrentEnd, int Symbols, DriftThresholdsDto Thresholds, IReadOnlyList<string> AlertFeatures,
    IReadOnlyList<string> WarningFeatures, IReadOnlyList<FeatureDriftDto> Features, IReadOnlyList<QualityIssueDto> Quality,
    IReadOnlyList<DatasetWindowDto>? Dataset = null, bool DatasetDrift = false);

/// <summary>The newest drift check of a model, without the per-window series.</summary>
public sealed record DriftSummaryDto(long Id, string Model, int Version, DateTime ComputedAt, IReadOnlyList<string> AlertFeatures,
    IReadOnlyList<string> WarningFeatures, int QualityIssues);

/// <summary>One month of a version's out-of-sample forecasts against what happened (null = undefined, e.g. too few).</summary>
public sealed record MonthPerformanceDto(DateTime Month, int Count, double? Ic, double? RankIc, double? HitRate, double? Rmse, double? NaiveRmse);

/// <summary>Forecast quality of a ret1 model version month by month; the naive RMSE is that of forecasting no change.</summary>
public sealed record ModelPerformanceDto(string Model, int Version, string Target, IReadOnlyList<MonthPerformanceDto> Months);

/// <summary>One month of a level's intervals: the share of outcomes inside (of <c>Count</c>), and whether it is within the
/// tolerance of the nominal level.</summary>
public sealed record MonthCoverageDto(DateTime Month, int Count, double Coverage, bool Holds);

/// <summary>Realised coverage of a version's <c>Nominal</c> intervals on its test span, overall and by calendar month.</summary>
public sealed record LevelCoverageDto(double Nominal, int Count, double? Coverage, IReadOnlyList<MonthCoverageDto> Months);

/// <summary>Do a version's calibrated intervals hold? The intervals each test forecast would have been served, against the
/// outcome. <c>Available</c> is false for versions trained before intervals were stored with their test predictions.</summary>
public sealed record ModelCoverageDto(string Model, int Version, string Target, double Tolerance, bool Available, IReadOnlyList<LevelCoverageDto> Levels);

/// <summary>Realised performance decay of one model version: its forecasts on the newest days after its validation span
/// against the naive forecast's (<c>decayed</c>: the naive one is significantly and materially better). Losses and the
/// test are null when there was nothing to judge (<c>summary</c> says why).</summary>
public sealed record DecayCheckDto(string Model, int Version, DateTime CheckedAt, bool Decayed, string Metric, double? ModelLoss, double? NaiveLoss,
    double? PValue, int? Days, DateTime? WindowStart, DateTime? WindowEnd, string Summary);
