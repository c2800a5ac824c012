using System.Net;
using System.Text;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Sources.X;
using Project01.Messaging.Records;
using Project01.Ingestion.Tests.Sources.Infrastructure;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources;

public sealed class XFilteredStreamClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 3, 14, 30, 0, TimeSpan.Zero);

    private static HttpResponseMessage Ndjson(Stream body) => new(HttpStatusCode.OK) { Content = new StreamContent(body) };

    [Fact]
    public async Task ReadsPostsLineByLineSkippingKeepAlivesAndReconnectsWhenTheStreamEnds()
    {
        // Streams that end rather than stall: a stall timeout far above any pause of a busy machine, so the reads never
        // race it (the 300 ms of the stall test once cut the first stream short on a loaded CI box).
        var settings = XRecentSearchClientTests.Settings();
        settings["Sources:X:Stream:StallTimeout"] = "00:00:30";
        using var host = SourcesTestHost.Create(settings, Now);
        var lines = File.ReadAllBytes(TestPaths.Fixture("sources", "x", "stream.ndjson"));
        host.Http
            .Then((_, _) => Task.FromResult(Ndjson(new MemoryStream(lines))))
            .Then(HttpStatusCode.TooManyRequests, """{"title":"Too Many Requests"}""")
            .Then((_, _) => Task.FromResult(Ndjson(new MemoryStream(Encoding.UTF8.GetBytes("\r\n")))))
            .Then(HttpStatusCode.Unauthorized, """{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""");
        var client = host.Get<XFilteredStreamClient>();
        var pages = new List<SourcePage<TweetRecord>>();

        // The 401 ends the run: a wrong token will not start working by reconnecting.
        var e = await Assert.ThrowsAsync<SourceHttpException>(() => client.RunAsync((page, _) => { pages.Add(page); return ValueTask.CompletedTask; }, _ct));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal(4, host.Http.Requests.Count); // stream, ended → 429 → stream, ended → 401
        Assert.Equal(2, client.Connections);
        var tweets = pages.SelectMany(p => p.Records).ToList();
        Assert.Equal(["1797700111222333444", "1797701222333444555"], tweets.Select(t => t.Id));
        Assert.Equal(["QQQ", "SPY"], tweets[1].Cashtags);
        Assert.Equal(("chartwatcher", "x:stream"), (tweets[0].AuthorHandle, tweets[0].Source));
        var rejected = Assert.Single(pages.SelectMany(p => p.Rejections));
        Assert.Equal(("data.created_at", "is missing"), (rejected.Field, rejected.Reason));
        Assert.Contains(host.Logs.Lines, l => l.Message.Contains("operational-disconnect", StringComparison.Ordinal));
        var request = host.Http.Requests[0];
        Assert.Equal("/2/tweets/search/stream", request.Uri.AbsolutePath);
        Assert.Equal(("created_at,public_metrics,entities,author_id,lang", "author_id"), (request.Query("tweet.fields"), request.Query("expansions")));
    }

    [Fact]
    public async Task AStalledConnectionIsDroppedAndReopened()
    {
        using var host = SourcesTestHost.Create(XRecentSearchClientTests.Settings(), Now);
        host.Http
            .Then((_, _) => Task.FromResult(Ndjson(new StallingStream("\r\n"u8.ToArray()))))
            .Then(HttpStatusCode.Forbidden, """{"title":"Forbidden"}""");
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<SourceHttpException>(() => host.Get<XFilteredStreamClient>().RunAsync((_, _) => ValueTask.CompletedTask, _ct));

        // One keep-alive, then silence: after the 300 ms stall timeout the client gives up on it and reconnects.
        var requests = host.Http.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange((requests[1].At - requests[0].At).TotalSeconds, 0.25, 5);
        Assert.Contains(host.Logs.Lines, l => l.Message.Contains("no data or keep-alive for", StringComparison.Ordinal));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CancellationEndsTheRunQuietly()
    {
        using var host = SourcesTestHost.Create(XRecentSearchClientTests.Settings(), Now);
        var stream = new StallingStream([]);
        host.Http.Then((_, _) => Task.FromResult(Ndjson(stream)));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);

        // Cancel once the client is waiting on the silent connection (an event, not a guess at how long that takes).
        var run = host.Get<XFilteredStreamClient>().RunAsync((_, _) => ValueTask.CompletedTask, cts.Token);
        await stream.Stalled.WaitAsync(_ct);
        await cts.CancelAsync();
        await run;

        Assert.Single(host.Http.Requests);
    }

    /// <summary>Returns its bytes, then blocks until the read is cancelled: a connection that went silent.</summary>
    private sealed class StallingStream(byte[] first) : Stream
    {
        private int _position;
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a reader first waits past the bytes.</summary>
        public Task Stalled => _stalled.Task;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < first.Length)
            {
                var n = Math.Min(buffer.Length, first.Length - _position);
                first.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
