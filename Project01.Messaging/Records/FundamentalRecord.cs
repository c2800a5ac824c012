using System.Text.Json.Serialization;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>fundamentals</c> for one macro or company observation, keyed by series id. The observation
/// date names the period (FRED: its first day, e.g. 2024-01-01 for 2024 Q1); the published date is when that value
/// became public (FRED's <c>realtime_start</c>). A quarter's value is not known on its last day, so models must join on
/// <see cref="EventTime"/> (= the published date, 00:00 UTC), never on the observation date, to avoid look-ahead.
/// A revision is a new record with the same observation date and a later published date.
/// </summary>
public sealed record FundamentalRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "fundamental";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    [JsonPropertyName("series_id")] public required string SeriesId { get; init; }
    [JsonPropertyName("observation_date")] public required DateOnly ObservationDate { get; init; }
    /// <summary>The period's frequency when known (FRED's short form: D, W, M, Q, SA, A).</summary>
    [JsonPropertyName("frequency")] public string? Frequency { get; init; }
    [JsonPropertyName("value")] public required double Value { get; init; }
    [JsonPropertyName("units")] public string? Units { get; init; }
    [JsonPropertyName("published_date")] public required DateOnly PublishedDate { get; init; }
    /// <summary>When the value became public: <see cref="PublishedDate"/> at 00:00 UTC.</summary>
    [JsonPropertyName("event_time")] public required DateTime EventTime { get; init; }
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (string.IsNullOrWhiteSpace(SeriesId)) return "series_id is empty";
        if (!double.IsFinite(Value)) return $"value {Value} is not a finite number";
        if (EventTime.Kind != DateTimeKind.Utc) return "event_time is not UTC";
        if (IngestTime.Kind != DateTimeKind.Utc) return "ingest_time is not UTC";
        if (EventTime != PublishedDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            return $"event_time {EventTime:O} is not published_date {PublishedDate:yyyy-MM-dd} at 00:00 UTC";
        if (string.IsNullOrWhiteSpace(Source)) return "source is empty";
        return null;
    }
}
