using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Http;

namespace Project01.Ingestion.Sources.Polygon;

/// <summary>The stream refused our key (or plan): reconnecting would not help.</summary>
public sealed class PolygonAuthenticationException(string message) : Exception($"{PolygonStreamMessage.SourceName}: authentication failed: {message}");

/// <summary>
/// Polygon's stocks WebSocket: on <c>connected</c> it authenticates (<c>{"action":"auth","params":key}</c>), on
/// <c>auth_success</c> it subscribes to the configured channels (<c>T.AAPL,Q.AAPL</c>), then hands each message's trades
/// and quotes to the caller. A dropped connection (or a server close) is retried with exponential backoff, reset once a
/// session authenticates again; a failed authentication ends the run with <see cref="PolygonAuthenticationException"/>.
/// </summary>
public sealed partial class PolygonStreamClient(IOptions<PolygonOptions> options, TimeProvider time, ILogger<PolygonStreamClient> logger)
{
    private readonly PolygonOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled && _options.EffectiveSubscriptions.Count > 0;

    /// <summary>Sessions started so far (for health reporting and tests).</summary>
    public int Sessions { get; private set; }

    public async Task RunAsync(Func<PolygonStreamBatch, CancellationToken, ValueTask> onBatch, CancellationToken ct)
    {
        if (!IsEnabled)
        {
            LogDisabled(logger);
            return;
        }
        var delay = _options.StreamReconnectDelay;
        while (!ct.IsCancellationRequested)
        {
            var authenticated = false;
            try
            {
                authenticated = await RunSessionAsync(onBatch, ct).ConfigureAwait(false);
                LogClosed(logger, _options.StreamUrl);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or IOException or StreamProtocolException)
            {
                LogDropped(logger, _options.StreamUrl, e.Message);
            }
            if (authenticated) delay = _options.StreamReconnectDelay;
            LogReconnecting(logger, delay.TotalMilliseconds);
            if (!await SourceDelay.WaitAsync(delay, time, ct).ConfigureAwait(false)) return;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.StreamMaxReconnectDelay.Ticks));
        }
    }

    // One connection, until the server closes it. Returns whether it got as far as authenticating.
    private async Task<bool> RunSessionAsync(Func<PolygonStreamBatch, CancellationToken, ValueTask> onBatch, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        await socket.ConnectAsync(_options.StreamUrl, ct).ConfigureAwait(false);
        Sessions++;
        var authenticated = false;
        var statuses = new List<PolygonStatus>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (await ReceiveAsync(socket, buffer, ct).ConfigureAwait(false))
        {
            statuses.Clear();
            var batch = PolygonStreamMessage.Parse(buffer.WrittenSpan, time.GetUtcNow().UtcDateTime, statuses);
            foreach (var status in statuses)
            {
                switch (status.Status)
                {
                    case "connected":
                        await SendActionAsync(socket, "auth", _options.ApiKey!, ct).ConfigureAwait(false);
                        break;
                    case "auth_success":
                        authenticated = true;
                        var channels = string.Join(',', _options.EffectiveSubscriptions);
                        await SendActionAsync(socket, "subscribe", channels, ct).ConfigureAwait(false);
                        LogSubscribed(logger, channels);
                        break;
                    case "auth_failed":
                        await CloseQuietlyAsync(socket).ConfigureAwait(false);
                        throw new PolygonAuthenticationException(status.Message);
                    case "max_connections" or "error":
                        throw new StreamProtocolException($"server status '{status.Status}': {status.Message}");
                    default:
                        LogStatus(logger, status.Status, status.Message);
                        break;
                }
            }
            if (!batch.IsEmpty) await onBatch(batch, ct).ConfigureAwait(false);
        }
        await CloseQuietlyAsync(socket).ConfigureAwait(false);
        return authenticated;
    }

    // Reads one whole message into the buffer; false when the server closed the connection.
    private static async Task<bool> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken ct)
    {
        buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return false;
            buffer.Advance(result.Count);
            if (result.EndOfMessage) return true;
        }
    }

    // {"action":"auth","params":"<key>"} and {"action":"subscribe","params":"T.AAPL,Q.AAPL"}.
    private static Task SendActionAsync(ClientWebSocket socket, string action, string parameters, CancellationToken ct)
    {
        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            writer.WriteString("params", parameters);
            writer.WriteEndObject();
        }
        return socket.SendAsync(json.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, ct).AsTask();
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection is going away either way.
        }
    }

    private sealed class StreamProtocolException(string message) : Exception(message);

    [LoggerMessage(LogLevel.Debug, "Polygon stream disabled (no Sources:Polygon:ApiKey, or no tickers/subscriptions)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Polygon stream subscribed to {Channels}")]
    private static partial void LogSubscribed(ILogger logger, string channels);

    [LoggerMessage(LogLevel.Debug, "Polygon stream status {Status}: {Message}")]
    private static partial void LogStatus(ILogger logger, string status, string message);

    [LoggerMessage(LogLevel.Information, "Polygon stream {Url} closed by the server")]
    private static partial void LogClosed(ILogger logger, Uri url);

    [LoggerMessage(LogLevel.Warning, "Polygon stream {Url} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, Uri url, string reason);

    [LoggerMessage(LogLevel.Information, "Polygon stream reconnecting in {DelayMs:F0} ms")]
    private static partial void LogReconnecting(ILogger logger, double delayMs);
}
