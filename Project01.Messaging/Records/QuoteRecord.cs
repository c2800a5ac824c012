using System.Text.Json.Serialization;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>ticks</c> for one top-of-book quote (kind <c>quote</c>), keyed by symbol. A side with no
/// order carries price and size 0. Crossed quotes are kept: they do occur on consolidated feeds, and dropping them
/// would hide that from whoever studies the spread.
/// </summary>
public sealed record QuoteRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "quote";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }
    [JsonPropertyName("event_time")] public required DateTime EventTime { get; init; }
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("bid_price")] public required double BidPrice { get; init; }
    [JsonPropertyName("bid_size")] public required long BidSize { get; init; }
    [JsonPropertyName("ask_price")] public required double AskPrice { get; init; }
    [JsonPropertyName("ask_size")] public required long AskSize { get; init; }
    [JsonPropertyName("bid_exchange")] public string? BidExchange { get; init; }
    [JsonPropertyName("ask_exchange")] public string? AskExchange { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (!Symbols.IsValid(Symbol)) return $"symbol '{Symbol}' is not a valid upper-case symbol";
        if (EventTime.Kind != DateTimeKind.Utc) return "event_time is not UTC";
        if (IngestTime.Kind != DateTimeKind.Utc) return "ingest_time is not UTC";
        if (!double.IsFinite(BidPrice) || BidPrice < 0) return $"bid_price {BidPrice} is not a non-negative number";
        if (!double.IsFinite(AskPrice) || AskPrice < 0) return $"ask_price {AskPrice} is not a non-negative number";
        if (BidSize < 0) return $"bid_size {BidSize} is negative";
        if (AskSize < 0) return $"ask_size {AskSize} is negative";
        if (BidPrice == 0 && AskPrice == 0) return "both bid_price and ask_price are 0";
        if (string.IsNullOrWhiteSpace(Source)) return "source is empty";
        return null;
    }
}
