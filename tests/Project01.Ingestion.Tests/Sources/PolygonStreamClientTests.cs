using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Tests.Sources.Infrastructure;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>The stream session against a loopback WebSocket server that speaks Polygon's protocol (never the network).</summary>
public sealed class PolygonStreamClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 3, 13, 30, 1, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(string streamUrl) => new()
    {
        ["Sources:Polygon:ApiKey"] = "pk-stream-key",
        ["Sources:Polygon:StreamUrl"] = streamUrl,
        ["Sources:Polygon:Tickers:0"] = "AAPL",
        ["Sources:Polygon:Tickers:1"] = "MSFT",
        ["Sources:Polygon:StreamReconnectDelay"] = "00:00:00.050",
    };

    [Fact]
    public async Task AuthenticatesSubscribesDeliversAndReconnectsAfterTheServerCloses()
    {
        var trades = File.ReadAllText(TestPaths.Fixture("sources", "polygon", "stream-trades-quotes.json"));
        await using var server = await FakePolygonServer.StartAsync(session => session switch
        {
            1 => [trades],                                                           // then closes: the client must come back
            _ => ["""[{"ev":"T","sym":"MSFT","i":"9","x":10,"p":414.5,"s":5,"t":1717421460000}]""", FakePolygonServer.StayOpen],
        }, _ct);
        using var host = SourcesTestHost.Create(Settings(server.Url), Now);
        var client = host.Get<PolygonStreamClient>();
        var batches = new ConcurrentQueue<PolygonStreamBatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);

        var run = client.RunAsync((batch, _) =>
        {
            batches.Enqueue(batch);
            if (batches.Count == 2) stop.Cancel();
            return ValueTask.CompletedTask;
        }, stop.Token);
        await run.WaitAsync(TimeSpan.FromSeconds(20), _ct);

        Assert.Equal(2, client.Sessions);
        Assert.Equal(["AAPL", "MSFT", "MSFT"], batches.SelectMany(b => b.Trades).Select(t => t.Symbol));
        Assert.Single(batches.SelectMany(b => b.Quotes));
        Assert.Equal(
            ["""{"action":"auth","params":"pk-stream-key"}""", """{"action":"subscribe","params":"T.AAPL,Q.AAPL,T.MSFT,Q.MSFT"}""",
             """{"action":"auth","params":"pk-stream-key"}""", """{"action":"subscribe","params":"T.AAPL,Q.AAPL,T.MSFT,Q.MSFT"}"""],
            server.Received);
        Assert.Contains(host.Logs.Lines, l => l.Level == LogLevel.Information && l.Message.StartsWith("Polygon stream reconnecting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedAuthenticationEndsTheRunInsteadOfReconnecting()
    {
        await using var server = await FakePolygonServer.StartAsync(_ => [], _ct, acceptKey: "another-key");
        using var host = SourcesTestHost.Create(Settings(server.Url), Now);
        var client = host.Get<PolygonStreamClient>();

        var e = await Assert.ThrowsAsync<PolygonAuthenticationException>(() => client.RunAsync((_, _) => ValueTask.CompletedTask, _ct).WaitAsync(TimeSpan.FromSeconds(20), _ct));

        Assert.Contains("authentication failed", e.Message);
        Assert.Equal(1, client.Sessions);
        Assert.Equal(["""{"action":"auth","params":"pk-stream-key"}"""], server.Received);
    }

    [Fact]
    public async Task AnUnreachableServerIsRetriedWithBackoffUntilCancelled()
    {
        // A port that was just free: connecting is refused at once.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var host = SourcesTestHost.Create(Settings($"ws://127.0.0.1:{port}/stocks"), Now);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        stop.CancelAfter(TimeSpan.FromMilliseconds(1500));

        await host.Get<PolygonStreamClient>().RunAsync((_, _) => ValueTask.CompletedTask, stop.Token);

        // Waits of 50, 100, 200, 400, 800 ms: a handful of attempts, not a busy loop, and never an unhandled exception.
        var drops = host.Logs.Lines.Count(l => l.Message.StartsWith("Polygon stream ws://", StringComparison.Ordinal) && l.Message.Contains("dropped", StringComparison.Ordinal));
        Assert.InRange(drops, 2, 8);
    }

    /// <summary>
    /// Kestrel on 127.0.0.1 speaking Polygon's protocol: "connected" on open, auth_success/auth_failed for the auth
    /// action, a "subscribed" status for subscribe, then the scripted messages of that session; then it closes the
    /// connection unless told to stay open.
    /// </summary>
    private sealed class FakePolygonServer : IAsyncDisposable
    {
        public const string StayOpen = "<stay open>";
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<string> _received = new();
        private int _sessions;

        private FakePolygonServer(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";
        public IReadOnlyList<string> Received => [.. _received];

        public static async Task<FakePolygonServer> StartAsync(Func<int, string[]> script, CancellationToken ct, string acceptKey = "pk-stream-key")
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new FakePolygonServer(app);
            app.UseWebSockets();
            app.Map("/stocks", async (HttpContext context) =>
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                var session = Interlocked.Increment(ref server._sessions);
                var aborted = context.RequestAborted;
                await Send(socket, """[{"ev":"status","status":"connected","message":"Connected Successfully"}]""", aborted);
                var auth = await Receive(socket, aborted);
                server._received.Enqueue(auth);
                if (!auth.Contains($"\"params\":\"{acceptKey}\"", StringComparison.Ordinal))
                {
                    await Send(socket, """[{"ev":"status","status":"auth_failed","message":"authentication failed"}]""", aborted);
                    await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "auth failed", aborted);
                    return;
                }
                await Send(socket, """[{"ev":"status","status":"auth_success","message":"authenticated"}]""", aborted);
                var subscribe = await Receive(socket, aborted);
                server._received.Enqueue(subscribe);
                await Send(socket, """[{"ev":"status","status":"success","message":"subscribed to: T.AAPL"}]""", aborted);
                foreach (var message in script(session))
                {
                    if (message == StayOpen)
                    {
                        try { await Task.Delay(Timeout.Infinite, aborted); } catch (OperationCanceledException) { }
                        return;
                    }
                    await Send(socket, message, aborted);
                }
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "session over", aborted);
            });
            await app.StartAsync(ct);
            server.Url = app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal) + "/stocks";
            return server;
        }

        private static Task Send(WebSocket socket, string text, CancellationToken ct) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

        private static async Task<string> Receive(WebSocket socket, CancellationToken ct)
        {
            var buffer = new byte[4096];
            var result = await socket.ReceiveAsync(buffer, ct);
            return Encoding.UTF8.GetString(buffer, 0, result.Count);
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
    }
}
