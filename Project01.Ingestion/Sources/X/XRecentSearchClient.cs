using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.X;

/// <summary>
/// X API v2 recent search (<c>GET /2/tweets/search/recent</c>) as <see cref="TweetRecord"/>s, following
/// <c>meta.next_token</c>. Pages run newest to oldest, so the cursor (the first page's <c>meta.newest_id</c>, sent as
/// <c>since_id</c> next time) is only handed out with the last page: a crash half-way re-reads rather than skips.
/// </summary>
public sealed partial class XRecentSearchClient(
    HttpClient http, IOptions<XOptions> options, ISourceCursorStore cursors, TimeProvider time, ILogger<XRecentSearchClient> logger)
{
    public const string SourceName = "x:search";
    private readonly XOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled && !string.IsNullOrWhiteSpace(_options.SearchQuery);

    public static string CursorKey(string query) => $"{SourceName}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(query)))[..16]}";

    public async IAsyncEnumerable<SourcePage<TweetRecord>> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!IsEnabled)
        {
            LogDisabled(logger);
            yield break;
        }
        var query = _options.SearchQuery!;
        var key = CursorKey(query);
        var sinceId = await cursors.GetAsync(key, ct).ConfigureAwait(false);
        string? newestId = null, nextToken = null;
        for (var page = 1; page <= _options.MaxPagesPerRun; page++)
        {
            var url = new Uri(_options.BaseUrl,
                $"2/tweets/search/recent?query={Uri.EscapeDataString(query)}&max_results={_options.MaxResults}"
                + $"&tweet.fields={XOptions.TweetFields}&expansions=author_id&user.fields=username"
                + (sinceId is { Length: > 0 } ? $"&since_id={Uri.EscapeDataString(sinceId)}" : "")
                + (nextToken is null ? "" : $"&next_token={Uri.EscapeDataString(nextToken)}"));
            using var document = await http.GetJsonAsync(SourceName, url, ct).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SourcePayloadException(SourceName, "$", $"is {JsonFields.Describe(root)}, not an object");
            var meta = root.Optional("meta") ?? throw new SourcePayloadException(SourceName, "meta", "is missing");
            newestId ??= Meta(meta, "newest_id");
            nextToken = Meta(meta, "next_token");
            var (records, rejections) = Tweets(root, time.GetUtcNow().UtcDateTime);
            var last = nextToken is null || page == _options.MaxPagesPerRun;
            LogPage(logger, page, records.Count, rejections.Count);
            yield return new SourcePage<TweetRecord>(records, rejections, last && newestId is not null ? new SourceCursor(key, newestId) : null);
            if (last) yield break;
        }
    }

    private static (List<TweetRecord>, List<SourceRejection>) Tweets(JsonElement root, DateTime now)
    {
        var records = new List<TweetRecord>();
        var rejections = new List<SourceRejection>();
        if (root.Optional("data") is not { } data) return (records, rejections); // result_count 0
        if (data.ValueKind != JsonValueKind.Array) throw new SourcePayloadException(SourceName, "data", $"is {JsonFields.Describe(data)}, not an array");
        var users = XTweetParser.Users(root);
        var i = 0;
        foreach (var tweet in data.EnumerateArray())
        {
            try
            {
                records.Add(XTweetParser.Parse(tweet, JsonFields.Index("data", i++), users, SourceName, now));
            }
            catch (PayloadFieldException e)
            {
                rejections.Add(new SourceRejection(SourceName, e.Field, e.Reason, tweet.RawText()));
            }
        }
        return (records, rejections);
    }

    private static string? Meta(JsonElement meta, string name)
    {
        try
        {
            return meta.OptionalString(name, "meta");
        }
        catch (PayloadFieldException e)
        {
            throw new SourcePayloadException(SourceName, e.Field, e.Reason);
        }
    }

    [LoggerMessage(LogLevel.Debug, "X recent search disabled (no Sources:X:ApiKey or Sources:X:SearchQuery)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(LogLevel.Debug, "X recent search page {Page}: {Records} posts, {Rejected} rejected")]
    private static partial void LogPage(ILogger logger, int page, int records, int rejected);
}
