using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Fred;

/// <summary>
/// FRED series observations (<c>GET /fred/series/observations</c>, JSON) as point-in-time
/// <see cref="FundamentalRecord"/>s: each value carries the date it became public (<c>realtime_start</c>), and a
/// revision is a new record. Units and frequency come from <c>GET /fred/series</c>. Missing values (".") are skipped.
/// <para>
/// Resuming: FRED clips <c>realtime_start</c> to the start of the requested window, so an old value still current on
/// the cursor date comes back stamped with the cursor date. The cursor is the latest publication date already emitted
/// (D); the next run asks for the window from D and keeps only rows published after D, which are exactly the new
/// vintages (ALFRED vintages are whole days).
/// </para>
/// </summary>
public sealed partial class FredClient(
    HttpClient http, IOptions<FredOptions> options, ISourceCursorStore cursors, TimeProvider time, ILogger<FredClient> logger)
{
    public const string SourceName = "fred";
    private readonly FredOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled;

    public static string CursorKey(string seriesId) => $"{SourceName}:{seriesId}";

    public async IAsyncEnumerable<SourcePage<FundamentalRecord>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var series in _options.Series)
            await foreach (var page in ReadAsync(series, ct).ConfigureAwait(false))
                yield return page;
    }

    public async IAsyncEnumerable<SourcePage<FundamentalRecord>> ReadAsync(string seriesId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!IsEnabled)
        {
            LogDisabled(logger, seriesId);
            yield break;
        }
        seriesId = seriesId.Trim().ToUpperInvariant();
        var key = CursorKey(seriesId);
        var saved = await cursors.GetAsync(key, ct).ConfigureAwait(false);
        DateOnly? cursor = saved is not null && DateOnly.TryParseExact(saved, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var c) ? c : null;
        var (units, frequency) = await GetSeriesAsync(seriesId, ct).ConfigureAwait(false);

        var realtimeStart = (cursor ?? _options.RealtimeStart).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var now = time.GetUtcNow().UtcDateTime;
        DateOnly? latest = null;
        long offset = 0, skippedMissing = 0;
        while (true)
        {
            var url = Url("fred/series/observations", seriesId,
                $"realtime_start={realtimeStart}&realtime_end=9999-12-31&sort_order=asc&limit={_options.PageLimit}&offset={offset}");
            using var document = await http.GetJsonAsync(SourceName, url, ct).ConfigureAwait(false);
            var root = document.RootElement;
            var observations = Envelope(root, "observations");
            var count = Count(root);

            var records = new List<FundamentalRecord>();
            var rejections = new List<SourceRejection>();
            var i = 0;
            foreach (var item in observations.EnumerateArray())
            {
                var path = JsonFields.Index("observations", (int)offset + i++);
                try
                {
                    var published = item.RequiredDate("realtime_start", path);
                    if (cursor is { } d && published <= d) continue; // emitted by an earlier run (or clipped to the window start)
                    var value = item.RequiredString("value", path);
                    if (value == ".") { skippedMissing++; continue; }
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                        throw new PayloadFieldException(JsonFields.Path(path, "value"), $"'{value}' is not a number or '.'");
                    records.Add(new FundamentalRecord
                    {
                        SeriesId = seriesId,
                        ObservationDate = item.RequiredDate("date", path),
                        Frequency = frequency,
                        Value = number,
                        Units = units,
                        PublishedDate = published,
                        EventTime = published.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        IngestTime = now,
                        Source = SourceName,
                    });
                    if (latest is null || published > latest) latest = published;
                }
                catch (PayloadFieldException e)
                {
                    rejections.Add(new SourceRejection(SourceName, e.Field, e.Reason, item.RawText()));
                }
            }
            offset += i;
            var done = i == 0 || offset >= count;
            // Pages are ordered by observation date, not publication: the cursor may only move once the series is complete.
            var cursorToStore = done && latest is { } l ? new SourceCursor(key, l.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : (SourceCursor?)null;
            yield return new SourcePage<FundamentalRecord>(records, rejections, cursorToStore);
            if (done) break;
        }
        LogSeries(logger, seriesId, realtimeStart, latest?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "nothing new", skippedMissing);
    }

    private async Task<(string? Units, string? Frequency)> GetSeriesAsync(string seriesId, CancellationToken ct)
    {
        using var document = await http.GetJsonAsync(SourceName, Url("fred/series", seriesId, ""), ct).ConfigureAwait(false);
        var seriess = Envelope(document.RootElement, "seriess");
        if (seriess.GetArrayLength() == 0) throw new SourcePayloadException(SourceName, "seriess", $"is empty: series '{seriesId}' not found");
        var s = seriess[0];
        try
        {
            return (s.OptionalString("units", "seriess[0]"), s.OptionalString("frequency_short", "seriess[0]"));
        }
        catch (PayloadFieldException e)
        {
            throw new SourcePayloadException(SourceName, e.Field, e.Reason);
        }
    }

    // FRED reports errors in the body too: {"error_code":400,"error_message":"Bad Request. ..."}.
    private static JsonElement Envelope(JsonElement root, string arrayName)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new SourcePayloadException(SourceName, "$", $"is {JsonFields.Describe(root)}, not an object");
        if (root.Optional("error_message") is { } error)
            throw new SourcePayloadException(SourceName, "error_message", $"reports an error: {error.Show()}");
        try
        {
            return root.RequiredArray(arrayName, "");
        }
        catch (PayloadFieldException e)
        {
            throw new SourcePayloadException(SourceName, e.Field, e.Reason);
        }
    }

    // The series' row count says when paging ends; one that is not a whole number (1.5, "3") cannot.
    private static long Count(JsonElement root)
    {
        try
        {
            return root.OptionalInt64("count", "") ?? 0;
        }
        catch (PayloadFieldException e)
        {
            throw new SourcePayloadException(SourceName, e.Field, e.Reason);
        }
    }

    private Uri Url(string path, string seriesId, string query) =>
        new(_options.BaseUrl, $"{path}?series_id={Uri.EscapeDataString(seriesId)}&api_key={Uri.EscapeDataString(_options.ApiKey!)}&file_type=json"
            + (query.Length > 0 ? "&" + query : ""));

    [LoggerMessage(LogLevel.Debug, "FRED disabled (no Sources:Fred:ApiKey): nothing fetched for {Series}")]
    private static partial void LogDisabled(ILogger logger, string series);

    [LoggerMessage(LogLevel.Information, "FRED {Series} from real-time {RealtimeStart}: latest publication {Latest}, {Missing} missing values skipped")]
    private static partial void LogSeries(ILogger logger, string series, string realtimeStart, string latest, long missing);
}
