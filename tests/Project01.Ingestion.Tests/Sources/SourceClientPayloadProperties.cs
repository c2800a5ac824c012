using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.X;
using Project01.Ingestion.Tests.Sources.Infrastructure;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>
/// Properties of the REST and streaming connectors (Polygon aggregates and news, FRED, X search and stream) fed their
/// recorded fixtures gone wrong: a page that cannot be read fails with a <see cref="SourcePayloadException"/> naming the
/// field; an item that cannot be read becomes a rejection naming its field and the rest go through; records that come
/// out validate. No other exception may escape: a worker would die on it instead of dead-lettering one item.
/// Clients are built directly (no host) so each of the many runs costs microseconds.
/// </summary>
public sealed class SourceClientPayloadProperties
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Answers each request from a script: (request, how many came before) → status and body.</summary>
    private sealed class ScriptHandler(Func<HttpRequestMessage, int, (HttpStatusCode Status, byte[] Body)> respond) : HttpMessageHandler
    {
        private int _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = respond(request, Interlocked.Increment(ref _requests) - 1);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }

    private sealed class MemoryCursors : ISourceCursorStore
    {
        private readonly ConcurrentDictionary<string, string> _values = new();

        public ValueTask<string?> GetAsync(string key, CancellationToken ct = default) => ValueTask.FromResult(_values.GetValueOrDefault(key));

        public ValueTask SetAsync(string key, string value, CancellationToken ct = default)
        {
            _values[key] = value;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The body under test for the first request, an empty last page for any that follow (next_url, next_token).</summary>
    private static HttpClient Serving(byte[] body, byte[] emptyPage) =>
        new(new ScriptHandler((_, n) => (HttpStatusCode.OK, n == 0 ? body : emptyPage)));

    private static async Task<List<SourcePage<T>>> DrainOrPayloadError<T>(IAsyncEnumerable<SourcePage<T>> pages, string source, CancellationToken ct)
    {
        var result = new List<SourcePage<T>>();
        try
        {
            await foreach (var page in pages.WithCancellation(ct)) result.Add(page);
        }
        catch (SourcePayloadException e)
        {
            // A page that cannot be read: the source and the field are named.
            Assert.Equal(source, e.SourceName);
            Assert.False(string.IsNullOrWhiteSpace(e.Field));
            Assert.StartsWith($"{source}: malformed payload: field '{e.Field}'", e.Message);
        }
        return result;
    }

    private static void AssertPages<T>(IEnumerable<SourcePage<T>> pages, string source, Func<T, string?> validate, string fieldPattern)
    {
        foreach (var page in pages)
        {
            Assert.All(page.Records, r => Assert.Null(validate(r)));
            Assert.All(page.Rejections, r =>
            {
                Assert.Equal(source, r.Source);
                Assert.Matches(fieldPattern, r.Field);
                Assert.False(string.IsNullOrWhiteSpace(r.Reason));
            });
        }
    }

    private static readonly DateTimeOffset EndOfJune3 = new(2024, 6, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PolygonAggregatesPagesNeverFailWithAnythingButAPayloadError() =>
        await PayloadMutations.AnyJson(
                PayloadMutations.Fixture("polygon/aggs-aapl-1-minute-page1.json"), PayloadMutations.Fixture("polygon/aggs-aapl-malformed.json"),
                PayloadMutations.Fixture("polygon/aggs-spy-1-day.json"))
            .SampleAsync(async body =>
            {
                var client = new PolygonAggregatesClient(Serving(body, """{"status":"OK","results":[]}"""u8.ToArray()),
                    Options.Create(new PolygonOptions { ApiKey = "k", BaseUrl = new("http://polygon.test/"), Tickers = ["AAPL"], Aggregates = new() { HistoryDays = 1 } }),
                    new MemoryCursors(), new FixedClock(EndOfJune3), NullLogger<PolygonAggregatesClient>.Instance);
                var pages = await DrainOrPayloadError(client.ReadAsync("AAPL", _ct), PolygonAggregatesClient.SourceName, _ct);
                AssertPages(pages, PolygonAggregatesClient.SourceName, r => r.Validate(), @"^results\[\d+\](\.\w+)?$");
            }, iter: 1_000, print: PayloadMutations.Show);

    [Fact]
    public async Task PolygonNewsPagesNeverFailWithAnythingButAPayloadError() =>
        await PayloadMutations.AnyJson(PayloadMutations.Fixture("polygon/news-aapl-page1.json"), PayloadMutations.Fixture("polygon/news-aapl-page2.json"))
            .SampleAsync(async body =>
            {
                var client = new PolygonNewsClient(Serving(body, """{"status":"OK","results":[]}"""u8.ToArray()),
                    Options.Create(new PolygonOptions { ApiKey = "k", BaseUrl = new("http://polygon.test/"), Tickers = ["AAPL"] }),
                    new MemoryCursors(), new FixedClock(EndOfJune3), NullLogger<PolygonNewsClient>.Instance);
                var pages = await DrainOrPayloadError(client.ReadAsync("AAPL", _ct), PolygonNewsClient.SourceName, _ct);
                AssertPages(pages, PolygonNewsClient.SourceName, r => r.Validate(), @"^results\[\d+\](\.\w+)*$");
            }, iter: 1_000, print: PayloadMutations.Show);

    private static readonly byte[] FredSeries = PayloadMutations.Fixture("fred/gdp-series.json");

    [Fact]
    public async Task FredPagesNeverFailWithAnythingButAPayloadError() =>
        await Gen.Select(
                PayloadMutations.AnyJson(
                    PayloadMutations.Fixture("fred/gdp-observations-page1.json"), PayloadMutations.Fixture("fred/gdp-observations-malformed.json"),
                    PayloadMutations.Fixture("fred/error-bad-series.json")),
                Gen.Frequency((4, Gen.Const(FredSeries)), (1, PayloadMutations.AnyJson(FredSeries))))
            .SampleAsync(async (observations, series) =>
            {
                var observationRequests = 0;
                var http = new HttpClient(new ScriptHandler((request, _) =>
                    request.RequestUri!.AbsolutePath == "/fred/series" ? (HttpStatusCode.OK, series)
                    : Interlocked.Increment(ref observationRequests) == 1 ? (HttpStatusCode.OK, observations)
                    : (HttpStatusCode.OK, """{"count":0,"observations":[]}"""u8.ToArray())));
                var client = new FredClient(http,
                    Options.Create(new FredOptions { ApiKey = "k", BaseUrl = new("http://fred.test/"), Series = ["GDP"], PageLimit = 3 }),
                    new MemoryCursors(), new FixedClock(EndOfJune3), NullLogger<FredClient>.Instance);
                var pages = await DrainOrPayloadError(client.ReadAsync("GDP", _ct), FredClient.SourceName, _ct);
                AssertPages(pages, FredClient.SourceName, r => r.Validate(), @"^observations\[\d+\](\.\w+)?$");
            }, iter: 1_000, print: t => $"observations: {PayloadMutations.Show(t.Item1)}\nseries: {PayloadMutations.Show(t.Item2)}");

    [Fact]
    public async Task XSearchPagesNeverFailWithAnythingButAPayloadError() =>
        await PayloadMutations.AnyJson(PayloadMutations.Fixture("x/search-page1.json"), PayloadMutations.Fixture("x/search-page2.json"),
                PayloadMutations.Fixture("x/search-empty.json"))
            .SampleAsync(async body =>
            {
                var client = new XRecentSearchClient(Serving(body, """{"meta":{"result_count":0}}"""u8.ToArray()),
                    Options.Create(new XOptions { ApiKey = "k", BaseUrl = new("http://x.test/"), SearchQuery = "$AAPL" }),
                    new MemoryCursors(), new FixedClock(EndOfJune3), NullLogger<XRecentSearchClient>.Instance);
                var pages = await DrainOrPayloadError(client.ReadAsync(_ct), XRecentSearchClient.SourceName, _ct);
                AssertPages(pages, XRecentSearchClient.SourceName, r => r.Validate(), @"^data\[\d+\](\.[\w.]+(\[\d+\])?(\.\w+)?)?$");
            }, iter: 1_000, print: PayloadMutations.Show);

    private static readonly string[] StreamLines = Encoding.UTF8.GetString(PayloadMutations.Fixture("x/stream.ndjson")).Split('\n');

    // The recorded stream with one line poisoned or holding a string that is not well-formed text, or its bytes mangled.
    private static readonly Gen<byte[]> BrokenStream = Gen.OneOf(
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, PayloadMutations.JsonPoison.Length - 1], Gen.Int[0, 4]).Select((line, at, poison, how) =>
        {
            var lines = (string[])StreamLines.Clone();
            var candidates = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim().Length > 0).ToArray();
            var k = candidates[line % candidates.Length];
            lines[k] = PayloadMutations.Show(PayloadMutations.Poison(Encoding.UTF8.GetBytes(lines[k]), at, poison, remove: how == 0));
            return Encoding.UTF8.GetBytes(string.Join('\n', lines));
        }),
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, PayloadMutations.BadText.Length - 1]).Select((line, at, bad) =>
        {
            var lines = StreamLines.Select(Encoding.UTF8.GetBytes).ToArray();
            var candidates = Enumerable.Range(0, lines.Length).Where(i => StreamLines[i].Trim().Length > 0).ToArray();
            var k = candidates[line % candidates.Length];
            lines[k] = PayloadMutations.SpoilText(lines[k], at, bad);
            return lines.SelectMany((l, i) => i == 0 ? l : [(byte)'\n', .. l]).ToArray();
        }),
        PayloadMutations.Mangled(ascii: false, PayloadMutations.Fixture("x/stream.ndjson")));

    [Fact]
    public async Task TheXStreamTurnsAnyLineIntoAPostOrARejectionAndKeepsRunning() =>
        await BrokenStream.SampleAsync(async body =>
        {
            // The stream is served once; the reconnect gets 401, which ends the run: any other way out is a line that killed it.
            var http = new HttpClient(new ScriptHandler((_, n) => n == 0 ? (HttpStatusCode.OK, body) : (HttpStatusCode.Unauthorized, """{"title":"Unauthorized"}"""u8.ToArray())));
            var client = new XFilteredStreamClient(http, Options.Create(new XOptions
            {
                ApiKey = "k", BaseUrl = new("http://x.test/"),
                Stream = new XStreamOptions { NetworkBackoff = TimeSpan.FromMilliseconds(1), NetworkBackoffMax = TimeSpan.FromMilliseconds(1), StallTimeout = TimeSpan.FromSeconds(30) },
            }), TimeProvider.System, NullLogger<XFilteredStreamClient>.Instance);
            var pages = new List<SourcePage<TweetRecord>>();

            var e = await Assert.ThrowsAsync<SourceHttpException>(() => client.RunAsync((page, _) => { pages.Add(page); return ValueTask.CompletedTask; }, _ct));

            Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
            Assert.Equal(1, client.Connections);
            AssertPages(pages, XFilteredStreamClient.SourceName, r => r.Validate(), @"^(\$|data(\.[\w.]+(\[\d+\])?(\.\w+)?)?)$");
        }, iter: 500, print: PayloadMutations.Show);
}
