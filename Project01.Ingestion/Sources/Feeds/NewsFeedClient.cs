using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Feeds;

/// <summary>
/// Polls RSS/Atom feeds. A feed always returns its latest items, so asking "only for what is new" means a conditional
/// GET (<c>If-None-Match</c>/<c>If-Modified-Since</c> from the last response; 304 = nothing new) and then keeping only
/// items published after the newest one already emitted. The cursor holds all three.
/// </summary>
public sealed partial class NewsFeedClient(
    HttpClient http, IOptions<NewsFeedOptions> options, ISourceCursorStore cursors, TimeProvider time, ILogger<NewsFeedClient> logger)
{
    private readonly NewsFeedOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled;

    public static string SourceName(NewsFeed feed) => $"feed:{feed.Name}";

    public static string CursorKey(NewsFeed feed) => $"feed:{feed.Name}";

    public async IAsyncEnumerable<SourcePage<NewsRecord>> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var feed in _options.Feeds)
            yield return await ReadAsync(feed, ct).ConfigureAwait(false);
    }

    public async Task<SourcePage<NewsRecord>> ReadAsync(NewsFeed feed, CancellationToken ct = default)
    {
        var source = SourceName(feed);
        var key = CursorKey(feed);
        var cursor = await cursors.GetAsync(key, ct).ConfigureAwait(false) is { } saved ? FeedCursor.Parse(saved) : new FeedCursor();

        using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8");
        if (cursor.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (cursor.LastModified is { } lastModified) request.Headers.IfModifiedSince = lastModified;

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            LogNotModified(logger, feed.Name);
            return SourcePage<NewsRecord>.Empty;
        }
        if (!response.IsSuccessStatusCode)
            throw SourceHttp.Failure(source, response, feed.Url, await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));

        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffered = new MemoryStream();
        await body.CopyToAsync(buffered, ct).ConfigureAwait(false);
        buffered.Position = 0;
        var (records, rejections) = FeedParser.Parse(buffered, source, time.GetUtcNow().UtcDateTime);

        var fresh = records.Where(r => cursor.LastPublished is not { } last || r.EventTime > last).OrderBy(r => r.EventTime).ToList();
        var next = new FeedCursor
        {
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified,
            LastPublished = fresh.Count > 0 ? fresh[^1].EventTime : cursor.LastPublished,
        };
        LogPolled(logger, feed.Name, records.Count, fresh.Count, rejections.Count);
        return new SourcePage<NewsRecord>(fresh, rejections, new SourceCursor(key, next.ToString()));
    }

    [LoggerMessage(LogLevel.Debug, "Feed {Feed}: not modified")]
    private static partial void LogNotModified(ILogger logger, string feed);

    [LoggerMessage(LogLevel.Debug, "Feed {Feed}: {Items} items, {Fresh} new, {Rejected} rejected")]
    private static partial void LogPolled(ILogger logger, string feed, int items, int fresh, int rejected);
}

/// <summary>A feed's position: validators for the conditional GET and the newest publication time emitted.</summary>
internal sealed record FeedCursor
{
    [JsonPropertyName("etag")] public string? ETag { get; init; }
    [JsonPropertyName("last_modified")] public DateTimeOffset? LastModified { get; init; }
    [JsonPropertyName("last_published")] public DateTime? LastPublished { get; init; }

    public static FeedCursor Parse(string json)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize(json, SourceJsonContext.Default.FeedCursor) ?? new FeedCursor();
            return cursor with { LastPublished = cursor.LastPublished is { } p ? DateTime.SpecifyKind(p.ToUniversalTime(), DateTimeKind.Utc) : null };
        }
        catch (JsonException)
        {
            return new FeedCursor(); // an unreadable cursor means starting over, which only re-reads the feed once
        }
    }

    public override string ToString() => JsonSerializer.Serialize(this, SourceJsonContext.Default.FeedCursor);
}
