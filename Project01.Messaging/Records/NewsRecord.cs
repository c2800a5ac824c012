using System.Text.Json.Serialization;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>news</c> for one article, keyed by its id. Event time is when it was published; ingest time
/// is when the platform first saw it (both UTC). Symbols are the tickers the vendor tagged it with (none for plain feeds).
/// </summary>
public sealed record NewsRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "news";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    /// <summary>The vendor's article id (RSS guid, Atom id, Polygon id); stable across re-fetches.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>Where the platform got it, e.g. <c>polygon:news</c> or <c>rss:&lt;feed name&gt;</c>.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("publisher")] public string? Publisher { get; init; }
    [JsonPropertyName("event_time")] public required DateTime EventTime { get; init; }
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("headline")] public required string Headline { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("symbols")] public IReadOnlyList<string> Symbols { get; init; } = [];
    /// <summary>BCP 47 language tag when the vendor gives one (e.g. <c>en</c>, <c>en-us</c>).</summary>
    [JsonPropertyName("language")] public string? Language { get; init; }

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (string.IsNullOrWhiteSpace(Id)) return "id is empty";
        if (string.IsNullOrWhiteSpace(Source)) return "source is empty";
        if (EventTime.Kind != DateTimeKind.Utc) return "event_time is not UTC";
        if (IngestTime.Kind != DateTimeKind.Utc) return "ingest_time is not UTC";
        if (string.IsNullOrWhiteSpace(Headline)) return "headline is empty";
        if (Url is not null && !Uri.TryCreate(Url, UriKind.Absolute, out _)) return $"url '{Url}' is not an absolute URL";
        if (Symbols is null) return "symbols is null";
        foreach (var s in Symbols)
            if (!Project01.Core.Market.Symbols.IsValid(s)) return $"symbol '{s}' is not a valid upper-case symbol";
        return null;
    }
}
