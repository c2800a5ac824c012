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
/// Polygon.io custom bars (<c>GET /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}</c>) as
/// <see cref="BarRecord"/>s, following <c>next_url</c>. Polygon stamps a bar at its window start; records are stamped
/// at the close (intraday) or with the New York session date at 00:00 UTC (daily), as everywhere in the platform. A bar
/// whose window has not closed yet is left for the next run. The cursor is the last emitted window start (Unix ms).
/// </summary>
public sealed partial class PolygonAggregatesClient(
    HttpClient http, IOptions<PolygonOptions> options, ISourceCursorStore cursors, TimeProvider time, ILogger<PolygonAggregatesClient> logger)
{
    public const string SourceName = "polygon:aggs";
    private readonly PolygonOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled;

    public static string CursorKey(string ticker, PolygonAggregateOptions a) => $"{SourceName}:{ticker}:{a.Multiplier}:{a.Timespan}";

    /// <summary>Every configured ticker in turn.</summary>
    public async IAsyncEnumerable<SourcePage<BarRecord>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var ticker in _options.Tickers)
            await foreach (var page in ReadAsync(ticker, ct).ConfigureAwait(false))
                yield return page;
    }

    public async IAsyncEnumerable<SourcePage<BarRecord>> ReadAsync(string ticker, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!IsEnabled)
        {
            LogDisabled(logger, ticker);
            yield break;
        }
        ticker = Symbols.Normalize(ticker);
        var agg = _options.Aggregates;
        var key = CursorKey(ticker, agg);
        var now = time.GetUtcNow();
        var from = await cursors.GetAsync(key, ct).ConfigureAwait(false) is { } saved
            && long.TryParse(saved, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lastStart)
            ? lastStart + 1
            : now.AddDays(-agg.HistoryDays).ToUnixTimeMilliseconds();
        var to = now.ToUnixTimeMilliseconds();
        if (from > to) yield break;

        Uri? url = new(_options.BaseUrl, FormattableString.Invariant(
            $"v2/aggs/ticker/{Uri.EscapeDataString(ticker)}/range/{agg.Multiplier}/{agg.Timespan}/{from}/{to}?adjusted={(agg.Adjusted ? "true" : "false")}&sort=asc&limit={agg.PageLimit}"));
        var pages = 0;
        while (url is not null)
        {
            using var document = await http.GetJsonAsync(SourceName, url, ct).ConfigureAwait(false);
            var page = ParsePage(document.RootElement, ticker, now.UtcDateTime, key, out var next);
            pages++;
            LogPage(logger, ticker, pages, page.Records.Count, page.Rejections.Count);
            yield return page;
            url = next is null ? null : PolygonUrls.Rebase(_options.BaseUrl, next, SourceName);
        }
    }

    private SourcePage<BarRecord> ParsePage(JsonElement root, string ticker, DateTime now, string cursorKey, out string? nextUrl)
    {
        PolygonEnvelope.ThrowOnErrorStatus(root, SourceName);
        nextUrl = PolygonEnvelope.NextUrl(root, SourceName);
        if (root.Optional("results") is not { } results) return SourcePage<BarRecord>.Empty; // no bars in the range
        if (results.ValueKind != JsonValueKind.Array)
            throw new SourcePayloadException(SourceName, "results", $"is {JsonFields.Describe(results)}, not an array");

        var records = new List<BarRecord>(results.GetArrayLength());
        var rejections = new List<SourceRejection>();
        long? lastStart = null;
        var i = 0;
        foreach (var item in results.EnumerateArray())
        {
            var path = JsonFields.Index("results", i++);
            try
            {
                var start = item.RequiredUnixMs("t", path);
                var (stamp, closesAt) = Stamp(start, JsonFields.Path(path, "t"));
                if (closesAt > now) { nextUrl = null; break; } // still forming: it is fetched whole on a later run
                var bar = new Bar(ticker, stamp,
                    item.RequiredDouble("o", path), item.RequiredDouble("h", path), item.RequiredDouble("l", path), item.RequiredDouble("c", path),
                    (long)Math.Round(item.RequiredDouble("v", path), MidpointRounding.AwayFromZero));
                if (bar.Validate() is { } problem) throw new PayloadFieldException(path, problem);
                records.Add(BarRecord.From(bar, now, SourceName));
                lastStart = (long)(start - DateTime.UnixEpoch).TotalMilliseconds;
            }
            catch (PayloadFieldException e)
            {
                rejections.Add(new SourceRejection(SourceName, e.Field, e.Reason, item.RawText()));
            }
        }
        return new SourcePage<BarRecord>(records, rejections,
            lastStart is { } l ? new SourceCursor(cursorKey, l.ToString(CultureInfo.InvariantCulture)) : null);
    }

    private (DateTime Stamp, DateTime ClosesAt) Stamp(DateTime windowStart, string field)
    {
        var agg = _options.Aggregates;
        // The window (and, for days, New York's offset) must end within DateTime's range, or the sums below throw.
        if (DateTime.MaxValue - windowStart <= agg.Span + TimeSpan.FromDays(1))
            throw new PayloadFieldException(field, $"{windowStart:O} starts a window that ends after the last representable date");
        if (agg.Timespan != "day") return (windowStart + agg.Span, windowStart + agg.Span);
        // Daily windows start at 00:00 New York time; the record carries that session date, the bar is final at the next midnight.
        var session = MarketTime.SessionDate(windowStart);
        var closesAt = TimeZoneInfo.ConvertTimeToUtc(session.AddDays(agg.Multiplier).ToDateTime(TimeOnly.MinValue), MarketTime.NewYork);
        return (session.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), closesAt);
    }

    [LoggerMessage(LogLevel.Debug, "Polygon aggregates disabled (no Sources:Polygon:ApiKey): nothing fetched for {Ticker}")]
    private static partial void LogDisabled(ILogger logger, string ticker);

    [LoggerMessage(LogLevel.Debug, "Polygon aggregates {Ticker} page {Page}: {Records} bars, {Rejected} rejected")]
    private static partial void LogPage(ILogger logger, string ticker, int page, int records, int rejected);
}
