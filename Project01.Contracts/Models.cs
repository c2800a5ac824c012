using System.Text.Json.Serialization;

namespace Project01.Contracts;

/// <summary>A forecast for the next period of one symbol.</summary>
/// <param name="Lower">Lower end of the central prediction interval, where the model provides one.</param>
/// <param name="IntervalCoverage">Nominal coverage of [Lower, Upper], e.g. 0.8.</param>
/// <param name="FeatureTime">Event time of the features used: the forecast is for the period after it.</param>
/// <param name="Explanation">The point forecast taken apart by input, only when asked for (<c>?explain=true</c>).</param>
/// <param name="Attention">A Temporal Fusion Transformer's own account of this forecast, only when asked for
/// (<c>?explain=true</c>): how much weight it gave each input and each bar of its lookback.</param>
public sealed record ForecastDto(
    string Symbol,
    string Target,
    double Value,
    double? Lower,
    double? Upper,
    double? IntervalCoverage,
    DateTime FeatureTime,
    DateTime ForecastFor,
    string Model,
    int ModelVersion,
    string ExecutionProvider,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ForecastExplanationDto? Explanation = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ForecastAttentionDto? Attention = null);

public sealed record ModelVersionDto(
    string Name, int Version, string Target, string Algorithm, string? Alias, DateTime CreatedAt,
    IReadOnlyList<string> Features, IReadOnlyDictionary<string, double> Metrics, string DatasetId, string ArtifactPath,
    IReadOnlyDictionary<string, string>? Parameters = null, IReadOnlyDictionary<string, double>? Importances = null);

public sealed record AliasEventDto(string Name, string Alias, int Version, int? PreviousVersion, DateTime At, string By, string Reason);

public sealed record LoadedModelDto(string Name, int Version, string Target, string Alias, string ExecutionProvider, string ExecutionProviderNote,
    IReadOnlyList<string> Features, DateTime LoadedAt);

/// <summary>One out-of-sample prediction made on the test span, with what actually happened.</summary>
public sealed record PredictionDto(DateTime FeatureTime, DateTime TargetTime, double Predicted, double? Actual, string Split);

public sealed record PredictionsResponse(string Model, int Version, string Symbol, IReadOnlyList<PredictionDto> Predictions);

/// <summary>A training run to queue: a target (ret1, vol5, dir1), an algorithm of the forecaster catalog (lightgbm,
/// xgboost, ridge, har, naive, auto, and the deep tft and deepar for ret1 and vol5), and why.</summary>
public sealed record TrainRequest(string Target = "ret1", string? Reason = null, string Algorithm = "lightgbm");

/// <summary>A training job: <c>State</c> is queued, running, succeeded, failed or dead (its worker died
/// <c>Attempts</c> times); <c>RequestedBy</c> is the caller's identity for manual jobs.</summary>
public sealed record TrainingJobDto(long Id, string Model, string Target, string State, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt,
    string Reason, int? ModelVersion, string? Error, int Attempts = 0, string? RequestedBy = null);

/// <summary>Forecasts for many symbols in one call (at most the server's batch limit).</summary>
public sealed record BatchForecastRequest(IReadOnlyList<string> Symbols, string? Target = null);

/// <summary>Why one symbol of a batch has no forecast (the status its single call would have answered).</summary>
public sealed record ForecastProblemDto(string Symbol, int Status, string Title, string Detail);

public sealed record BatchForecastResponse(string Target, IReadOnlyList<ForecastDto> Forecasts, IReadOnlyList<ForecastProblemDto> Problems);

/// <summary>Rows of caller-supplied features (name → value) to score with the served model of a target.</summary>
public sealed record PredictRequest(IReadOnlyList<IReadOnlyDictionary<string, double>> Rows, string? Target = null);

public sealed record PredictResponse(string Target, string Model, int ModelVersion, IReadOnlyList<string> Features, IReadOnlyList<double> Values, string ExecutionProvider);

/// <summary>A service's <c>/health</c> answer: overall status and each check (Postgres, Kafka, Redis, lake…).</summary>
public sealed record ServiceHealthDto(string Status, double DurationMs, IReadOnlyList<HealthCheckDto> Checks);

public sealed record HealthCheckDto(string Name, string Status, string? Description);
