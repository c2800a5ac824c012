using System.Text.Json.Serialization;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>ticks</c> for one OHLCV bar. JSON with an explicit schema version and kind, keyed by
/// symbol. Event time is when the bar closed; ingest time is when the platform first saw it (both UTC).
/// </summary>
public sealed record BarRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "bar";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }
    [JsonPropertyName("event_time")] public required DateTime EventTime { get; init; }
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("open")] public required double Open { get; init; }
    [JsonPropertyName("high")] public required double High { get; init; }
    [JsonPropertyName("low")] public required double Low { get; init; }
    [JsonPropertyName("close")] public required double Close { get; init; }
    [JsonPropertyName("volume")] public required long Volume { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    public Bar ToBar() => new(Symbol, EventTime, Open, High, Low, Close, Volume);

    public static BarRecord From(in Bar bar, DateTime ingestTime, string source) => new()
    {
        Symbol = bar.Symbol, EventTime = bar.Time, IngestTime = ingestTime, Open = bar.Open, High = bar.High,
        Low = bar.Low, Close = bar.Close, Volume = bar.Volume, Source = source,
    };

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (!Symbols.IsValid(Symbol)) return $"symbol '{Symbol}' is not a valid upper-case symbol";
        if (IngestTime.Kind != DateTimeKind.Utc) return "ingest_time is not UTC";
        return ToBar().Validate();
    }
}
