using System.Text.Json.Serialization;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>ticks</c> for one trade (kind <c>trade</c>), keyed by symbol. Event time is the exchange's
/// (or SIP's) timestamp; ingest time is when the platform first saw it (both UTC).
/// </summary>
public sealed record TradeRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "trade";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }
    [JsonPropertyName("event_time")] public required DateTime EventTime { get; init; }
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("price")] public required double Price { get; init; }
    [JsonPropertyName("size")] public required long Size { get; init; }
    /// <summary>The vendor's exchange code (Polygon: its numeric exchange id), when given.</summary>
    [JsonPropertyName("exchange")] public string? Exchange { get; init; }
    [JsonPropertyName("trade_id")] public string? TradeId { get; init; }
    /// <summary>The vendor's trade condition codes (e.g. odd lot, out of sequence), when given.</summary>
    [JsonPropertyName("conditions")] public IReadOnlyList<int>? Conditions { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (!Symbols.IsValid(Symbol)) return $"symbol '{Symbol}' is not a valid upper-case symbol";
        if (EventTime.Kind != DateTimeKind.Utc) return "event_time is not UTC";
        if (IngestTime.Kind != DateTimeKind.Utc) return "ingest_time is not UTC";
        if (!double.IsFinite(Price) || Price <= 0) return $"price {Price} is not a positive number";
        if (Size < 0) return $"size {Size} is negative";
        if (string.IsNullOrWhiteSpace(Source)) return "source is empty";
        return null;
    }
}
