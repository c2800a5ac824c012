using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Core.Market;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Polygon;

/// <summary>
/// Polygon.io ticker news (<c>GET /v2/reference/news</c>, oldest first, following <c>next_url</c>) as
/// <see cref="NewsRecord"/>s with the tickers Polygon tagged. The cursor is the last <c>published_utc</c> seen; the next
/// run asks for <c>published_utc.gt</c> that instant.
/// </summary>
public sealed partial class PolygonNewsClient(
    HttpClient http, IOptions<PolygonOptions> options, ISourceCursorStore cursors, TimeProvider time, ILogger<PolygonNewsClient> logger)
{
    public const string SourceName = "polygon:news";
    private readonly PolygonOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled;

    public static string CursorKey(string? ticker) => $"{SourceName}:{ticker ?? "*"}";

    /// <summary>News for each configured ticker, or all news when no ticker is configured.</summary>
    public async IAsyncEnumerable<SourcePage<NewsRecord>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        string?[] tickers = _options.Tickers.Count > 0 ? [.. _options.Tickers] : [null];
        foreach (var ticker in tickers)
            await foreach (var page in ReadAsync(ticker, ct).ConfigureAwait(false))
                yield return page;
    }

    public async IAsyncEnumerable<SourcePage<NewsRecord>> ReadAsync(string? ticker, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!IsEnabled)
        {
            LogDisabled(logger);
            yield break;
        }
        ticker = ticker is null ? null : Symbols.Normalize(ticker);
        var key = CursorKey(ticker);
        var now = time.GetUtcNow().UtcDateTime;
        var saved = await cursors.GetAsync(key, ct).ConfigureAwait(false);
        var filter = saved is { Length: > 0 }
            ? $"published_utc.gt={Uri.EscapeDataString(saved)}"
            : $"published_utc.gte={Uri.EscapeDataString(now.AddDays(-_options.NewsHistoryDays).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}";
        var tickerFilter = ticker is null ? "" : $"ticker={Uri.EscapeDataString(ticker)}&";
        Uri? url = new(_options.BaseUrl, $"v2/reference/news?{tickerFilter}{filter}&order=asc&sort=published_utc&limit={_options.NewsPageLimit}");
        while (url is not null)
        {
            using var document = await http.GetJsonAsync(SourceName, url, ct).ConfigureAwait(false);
            var root = document.RootElement;
            PolygonEnvelope.ThrowOnErrorStatus(root, SourceName);
            var next = PolygonEnvelope.NextUrl(root, SourceName);
            var page = ParseResults(root, now, key);
            LogPage(logger, ticker ?? "*", page.Records.Count, page.Rejections.Count);
            yield return page;
            url = next is null ? null : PolygonUrls.Rebase(_options.BaseUrl, next, SourceName);
        }
    }

    private static SourcePage<NewsRecord> ParseResults(JsonElement root, DateTime now, string cursorKey)
    {
        if (root.Optional("results") is not { } results) return SourcePage<NewsRecord>.Empty;
        if (results.ValueKind != JsonValueKind.Array)
            throw new SourcePayloadException(SourceName, "results", $"is {JsonFields.Describe(results)}, not an array");
        var records = new List<NewsRecord>();
        var rejections = new List<SourceRejection>();
        string? last = null;
        var i = 0;
        foreach (var item in results.EnumerateArray())
        {
            var path = JsonFields.Index("results", i++);
            try
            {
                var published = item.RequiredTimestamp("published_utc", path);
                var record = new NewsRecord
                {
                    Id = item.RequiredString("id", path),
                    Source = SourceName,
                    Publisher = item.Optional("publisher") is { } p ? p.OptionalString("name", JsonFields.Path(path, "publisher")) : null,
                    EventTime = published,
                    IngestTime = now,
                    Headline = item.RequiredString("title", path),
                    Body = item.OptionalString("description", path),
                    Url = item.OptionalString("article_url", path),
                    Author = item.OptionalString("author", path),
                    Symbols = Tickers(item, path),
                };
                if (record.Validate() is { } problem) throw new PayloadFieldException(path, problem);
                records.Add(record);
                last = item.RequiredString("published_utc", path);
            }
            catch (PayloadFieldException e)
            {
                rejections.Add(new SourceRejection(SourceName, e.Field, e.Reason, item.RawText()));
            }
        }
        return new SourcePage<NewsRecord>(records, rejections, last is null ? null : new SourceCursor(cursorKey, last));
    }

    // Polygon tags crypto and FX pairs too (X:BTCUSD); only symbols the platform can key on are kept.
    private static string[] Tickers(JsonElement item, string path)
    {
        if (item.Optional("tickers") is not { } tickers) return [];
        if (tickers.ValueKind != JsonValueKind.Array)
            throw new PayloadFieldException(JsonFields.Path(path, "tickers"), $"is {JsonFields.Describe(tickers)}, not an array");
        return [.. tickers.EnumerateArray()
            .Select(t => t.TextOrNull() is { } text ? Symbols.Normalize(text) : "")
            .Where(t => Symbols.IsValid(t)).Distinct(StringComparer.Ordinal)];
    }

    [LoggerMessage(LogLevel.Debug, "Polygon news disabled (no Sources:Polygon:ApiKey): nothing fetched")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(LogLevel.Debug, "Polygon news {Ticker}: {Records} articles, {Rejected} rejected")]
    private static partial void LogPage(ILogger logger, string ticker, int records, int rejected);
}
