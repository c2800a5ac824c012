using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.X;

/// <summary>
/// X API v2 filtered stream (<c>GET /2/tweets/search/stream</c>): newline-delimited JSON, one post per line, blank
/// keep-alive lines every 20 s. Reconnects as X asks: linear backoff for network errors and stalls, exponential for
/// HTTP errors, a longer exponential one for 429; 401/403 end the run (a wrong token will not start working).
/// The stream's rules are managed in X's console or via <c>/2/tweets/search/stream/rules</c>.
/// </summary>
public sealed partial class XFilteredStreamClient(HttpClient http, IOptions<XOptions> options, TimeProvider time, ILogger<XFilteredStreamClient> logger)
{
    public const string SourceName = "x:stream";
    private readonly XOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled;

    /// <summary>Connections opened so far (for health reporting and tests).</summary>
    public int Connections { get; private set; }

    /// <summary>Runs until cancelled; each line with a post (or a post that could not be read) is one page.</summary>
    public async Task RunAsync(Func<SourcePage<TweetRecord>, CancellationToken, ValueTask> onPage, CancellationToken ct)
    {
        if (!IsEnabled)
        {
            LogDisabled(logger);
            return;
        }
        var s = _options.Stream;
        var networkFailures = 0;
        var httpFailures = 0;
        var rateLimited = 0;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await RunConnectionAsync(onPage, ct, () => networkFailures = httpFailures = rateLimited = 0).ConfigureAwait(false);
                networkFailures++;
                wait = Linear(s, networkFailures);
                LogEnded(logger, "the server closed the stream");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SourceHttpException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw;
            }
            catch (SourceHttpException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
            {
                wait = Exponential(s.RateLimitBackoff, ++rateLimited, TimeSpan.FromMinutes(15));
                if (e.RetryAfter > wait) wait = e.RetryAfter.Value;
                LogEnded(logger, e.Message);
            }
            catch (SourceHttpException e)
            {
                wait = Exponential(s.HttpBackoff, ++httpFailures, s.HttpBackoffMax);
                LogEnded(logger, e.Message);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // OperationCanceledException here (not ours) is the stall watchdog: a dead connection.
                wait = Linear(s, ++networkFailures);
                LogEnded(logger, e is OperationCanceledException ? $"no data or keep-alive for {s.StallTimeout.TotalSeconds:F0} s" : e.Message);
            }
            LogReconnecting(logger, wait.TotalMilliseconds);
            if (!await SourceDelay.WaitAsync(wait, time, ct).ConfigureAwait(false)) return;
        }
    }

    private async Task RunConnectionAsync(Func<SourcePage<TweetRecord>, CancellationToken, ValueTask> onPage, CancellationToken ct, Action onConnected)
    {
        var url = new Uri(_options.BaseUrl, $"2/tweets/search/stream?tweet.fields={XOptions.TweetFields}&expansions=author_id&user.fields=username");
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stall.CancelAfter(_options.Stream.StallTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw SourceHttp.Failure(SourceName, response, url, await response.Content.ReadAsByteArrayAsync(stall.Token).ConfigureAwait(false));
        Connections++;
        onConnected();
        LogConnected(logger);
        await using var body = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(stall.Token).ConfigureAwait(false) is { } line)
        {
            stall.CancelAfter(_options.Stream.StallTimeout); // any line, keep-alive included, proves the connection alive
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (ParseLine(line, time.GetUtcNow().UtcDateTime) is { } page) await onPage(page, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One stream line: a post (or its rejection), or null for a stream-level notice such as an operational disconnect.</summary>
    internal SourcePage<TweetRecord>? ParseLine(string line, DateTime now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new([], [new SourceRejection(SourceName, "$", $"is not JSON ({e.Message})", line)]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.Optional("data") is null && root.Optional("errors") is { } errors)
            {
                LogStreamError(logger, JsonFields.Truncate(errors.RawText(), 500));
                return null;
            }
            try
            {
                var tweet = root.Required("data", "");
                return new([XTweetParser.Parse(tweet, "data", XTweetParser.Users(root), SourceName, now)], []);
            }
            catch (PayloadFieldException e)
            {
                return new([], [new SourceRejection(SourceName, e.Field, e.Reason, line)]);
            }
        }
    }

    private static TimeSpan Linear(XStreamOptions s, int failures) =>
        TimeSpan.FromTicks(Math.Min(s.NetworkBackoff.Ticks * Math.Max(1, failures), s.NetworkBackoffMax.Ticks));

    private static TimeSpan Exponential(TimeSpan first, int failures, TimeSpan max) =>
        TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, Math.Min(failures - 1, 20)), max.Ticks));

    [LoggerMessage(LogLevel.Debug, "X filtered stream disabled (no Sources:X:ApiKey)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(LogLevel.Information, "X filtered stream connected")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "X filtered stream ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "X filtered stream reconnecting in {DelayMs:F0} ms")]
    private static partial void LogReconnecting(ILogger logger, double delayMs);

    [LoggerMessage(LogLevel.Warning, "X filtered stream error message: {Errors}")]
    private static partial void LogStreamError(ILogger logger, string errors);
}
