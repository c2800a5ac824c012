using System.Text.Json.Serialization;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>tweets</c> for one post, keyed by its id. Event time is when it was posted; ingest time is
/// when the platform first saw it (both UTC). Cashtags are upper-cased symbols without the <c>$</c>. Metrics are a
/// snapshot at ingest time (they keep changing afterwards).
/// </summary>
public sealed record TweetRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "tweet";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("author_id")] public required string AuthorId { get; init; }
    [JsonPropertyName("author_handle")] public string? AuthorHandle { get; init; }
    [JsonPropertyName("event_time")] public required DateTime EventTime { get; init; }
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("cashtags")] public IReadOnlyList<string> Cashtags { get; init; } = [];
    [JsonPropertyName("metrics")] public TweetMetrics? Metrics { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (string.IsNullOrWhiteSpace(Id)) return "id is empty";
        if (string.IsNullOrWhiteSpace(AuthorId)) return "author_id is empty";
        if (EventTime.Kind != DateTimeKind.Utc) return "event_time is not UTC";
        if (IngestTime.Kind != DateTimeKind.Utc) return "ingest_time is not UTC";
        if (Text is null) return "text is missing";
        if (Cashtags is null) return "cashtags is null";
        foreach (var c in Cashtags)
            if (!Symbols.IsValid(c)) return $"cashtag '{c}' is not a valid upper-case symbol";
        if (Metrics is { } m && (m.Retweets < 0 || m.Replies < 0 || m.Likes < 0 || m.Quotes < 0 || m.Impressions < 0))
            return "metrics has a negative count";
        if (string.IsNullOrWhiteSpace(Source)) return "source is empty";
        return null;
    }
}

/// <summary>Public engagement counts as the vendor reported them when the post was fetched.</summary>
public sealed record TweetMetrics
{
    [JsonPropertyName("retweets")] public long Retweets { get; init; }
    [JsonPropertyName("replies")] public long Replies { get; init; }
    [JsonPropertyName("likes")] public long Likes { get; init; }
    [JsonPropertyName("quotes")] public long Quotes { get; init; }
    [JsonPropertyName("impressions")] public long? Impressions { get; init; }
}
