using System.Net;
using System.Text;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.X;
using Project01.Ingestion.Tests.Sources.Infrastructure;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>
/// Payloads the connector properties (<see cref="SourceClientPayloadProperties"/>, <see cref="PolygonStreamMessageProperties"/>,
/// <see cref="FeedParserProperties"/>) found that threw something other than a rejection or a <see cref="SourcePayloadException"/>.
/// </summary>
public sealed class SourcePayloadRegressionTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset EndOfJune3 = new(2024, 6, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Ingest = EndOfJune3.UtcDateTime;

    /// <summary>JSON text with <c>@</c> standing for a byte that is not UTF-8 (0xFF).</summary>
    private static byte[] NotUtf8(string json) => [.. Encoding.UTF8.GetBytes(json).Select(b => b == (byte)'@' ? (byte)0xFF : b)];

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Body(byte[] body) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });

    private static PolygonStreamBatch Stream(byte[] message) => PolygonStreamMessage.Parse(message, Ingest, []);

    [Theory]
    [InlineData("""[{"ev":"T","sym":"@","p":1,"s":1,"t":1}]""", "[0].sym")]
    [InlineData("""[{"ev":"T","sym":"\ud800","p":1,"s":1,"t":1}]""", "[0].sym")]
    [InlineData("""[{"ev":"Q","sym":"AAPL","bp":"@","bs":1,"ap":1,"as":1,"t":1}]""", "[0].bp")]
    [InlineData("""{"ev":"\udc00x"}""", "ev")]
    [InlineData("""[{"ev":"status","status":"ok","message":"\ud83d"}]""", "[0].message")]
    [InlineData("\"@\"", "$")]
    public void AStreamStringThatIsNotTextIsRejectedByItsField(string json, string field)
    {
        var batch = Stream(NotUtf8(json));

        Assert.Empty(batch.Trades);
        Assert.Empty(batch.Quotes);
        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal(field, rejection.Field);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
    }

    [Fact]
    public void AStreamRejectionKeepsAnEventThatIsNotUtf8AsText()
    {
        var rejection = Assert.Single(Stream(NotUtf8("""[{"ev":"T","sym":"AAPL","p":"@","s":1,"t":1}]""")).Rejections);

        Assert.Equal(("[0].p", "is a string that is not well-formed text (not UTF-8, or a lone surrogate), not a number"), (rejection.Field, rejection.Reason));
        Assert.Contains("\"p\":\"\uFFFD\"", rejection.Payload);
    }

    [Fact]
    public void ALoneStreamEventThatFailsValidationNamesTheEvent()
    {
        var rejection = Assert.Single(Stream("""{"ev":"T","sym":"AAPL","p":-1,"s":1,"t":1}"""u8.ToArray()).Rejections);

        Assert.Equal(("$", "price -1 is not a positive number"), (rejection.Field, rejection.Reason));
        Assert.Equal("[0]", Assert.Single(Stream("""[{"ev":"T","sym":"AAPL","p":-1,"s":1,"t":1}]"""u8.ToArray()).Rejections).Field);
    }

    [Theory]
    [InlineData("""{"status":"\ud800"}""", "status", "is a string that is not well-formed text")]
    [InlineData("""{"status":"ERROR","error":"@"}""", "status", "is 'ERROR': a string that is not well-formed text")]
    [InlineData("""{"status":"ERROR","error":{"m":"@"}}""", "status", "is 'ERROR': {\"m\":\"\uFFFD\"}")]
    [InlineData("""{"status":"OK","results":[],"next_url":"@"}""", "next_url", "is a string that is not well-formed text")]
    [InlineData("""{"status":"OK","results":[],"next_url":"https:/bapi.polygon.io/v2/reference/news?cursor=x"}""", "next_url", "is not a URL under http://polygon.test/")]
    public async Task APolygonPageThatCannotBeReadFailsNamingTheField(string json, string field, string says)
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), EndOfJune3);
        host.Http.Then(Body(NotUtf8(json))).Then(Body("""{"status":"OK","results":[]}"""u8.ToArray()));

        var e = await Assert.ThrowsAsync<SourcePayloadException>(() => host.DrainAsync(host.Get<PolygonNewsClient>().ReadAllAsync(_ct), _ct));

        Assert.Equal(field, e.Field);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public async Task PolygonNewsDropsTickersThatAreNotTextAndRejectsTitlesThatAreNot()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), EndOfJune3);
        host.Http.Then(Body(NotUtf8("""
            {"status":"OK","results":[
              {"id":"a","title":"Up","published_utc":"2024-06-03T13:45:12Z","tickers":["\ud800","@","AAPL"]},
              {"id":"b","title":"@","published_utc":"2024-06-03T13:46:12Z"}]}
            """)));

        var page = Assert.Single(await host.DrainAsync(host.Get<PolygonNewsClient>().ReadAllAsync(_ct), _ct));

        Assert.Equal(["AAPL"], Assert.Single(page.Records).Symbols);
        Assert.Equal("results[1].title", Assert.Single(page.Rejections).Field);
    }

    [Theory]
    [InlineData("minute")]
    [InlineData("day")]
    public async Task AnAggregateWindowEndingAfterTheLastDateIsRejectedByItsTime(string timespan)
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(("Sources:Polygon:Aggregates:Timespan", timespan)), EndOfJune3);
        host.Http.Then(HttpStatusCode.OK, """
            {"status":"OK","results":[{"t":253402300799999,"o":1,"h":1,"l":1,"c":1,"v":1},{"t":1717214400000,"o":1,"h":1,"l":1,"c":1,"v":1}]}
            """);

        var page = Assert.Single(await host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct));

        Assert.Single(page.Records);
        var rejection = Assert.Single(page.Rejections);
        Assert.Equal("results[0].t", rejection.Field);
        Assert.Contains("ends after the last representable date", rejection.Reason);
    }

    [Theory]
    [InlineData("""{"count":1.5,"observations":[]}""", "count", "1.5 is not a whole number")]
    [InlineData("""{"count":"3","observations":[]}""", "count", "is the string \"3\", not a number")]
    [InlineData("""{"error_code":400,"error_message":"@"}""", "error_message", "reports an error: a string that is not well-formed text")]
    public async Task AFredPageThatCannotBeReadFailsNamingTheField(string json, string field, string says)
    {
        using var host = SourcesTestHost.Create(FredClientTests.Settings(), EndOfJune3);
        host.Http.ThenFixture("fred/gdp-series.json").Then(Body(NotUtf8(json)));

        var e = await Assert.ThrowsAsync<SourcePayloadException>(() => host.DrainAsync(host.Get<FredClient>().ReadAllAsync(_ct), _ct));

        Assert.Equal(field, e.Field);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public async Task XSearchRejectsAPostWhoseTextIsNotTextAndIgnoresSuchUsers()
    {
        using var host = SourcesTestHost.Create(XRecentSearchClientTests.Settings(), EndOfJune3);
        host.Http.Then(Body(NotUtf8("""
            {"data":[
              {"id":"1","author_id":"7","created_at":"2024-06-03T14:00:00.000Z","text":"@"},
              {"id":"2","author_id":"7","created_at":"2024-06-03T14:00:00.000Z","text":"ok"}],
             "includes":{"users":[{"id":"7","username":"\ud800"}]},"meta":{"newest_id":"2","result_count":2}}
            """)));

        var page = Assert.Single(await host.DrainAsync(host.Get<XRecentSearchClient>().ReadAsync(_ct), _ct));

        var post = Assert.Single(page.Records);
        Assert.Equal(("2", null), (post.Id, post.AuthorHandle));
        Assert.Equal("data[0].text", Assert.Single(page.Rejections).Field);
    }

    [Fact]
    public async Task TheXStreamRejectsALineWithALoneSurrogateAndKeepsRunning()
    {
        using var host = SourcesTestHost.Create(XRecentSearchClientTests.Settings(), EndOfJune3);
        host.Http
            .Then(Body(Encoding.UTF8.GetBytes("""
                {"data":{"id":"1","author_id":"\ud800","created_at":"2024-06-03T14:00:00.000Z","text":"a"}}
                {"errors":[{"title":"\udc00"}]}
                {"data":{"id":"2","author_id":"7","created_at":"2024-06-03T14:00:00.000Z","text":"b"},"includes":{"users":[{"id":"\ud800","username":"u"}]}}
                """)))
            .Then(HttpStatusCode.Unauthorized, """{"title":"Unauthorized"}""");
        var client = host.Get<XFilteredStreamClient>();
        var pages = new List<SourcePage<TweetRecord>>();

        var e = await Assert.ThrowsAsync<SourceHttpException>(() => client.RunAsync((page, _) => { pages.Add(page); return ValueTask.CompletedTask; }, _ct));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode); // the run ended on the 401, not on a line
        Assert.Equal(["2"], pages.SelectMany(p => p.Records).Select(r => r.Id));
        Assert.Equal(("data.author_id", "is a string that is not well-formed text (not UTF-8, or a lone surrogate)"),
            pages.SelectMany(p => p.Rejections).Select(r => (r.Field, r.Reason)).Single());
    }

    [Theory]
    [InlineData("01 Jan 0001 00:00 +0100")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 -0100")]
    [InlineData("31 Dec 9999 23:59 EST")]
    public void AnRfc822DateOutsideTheRangeOfDatesIsRefused(string text) => Assert.False(Rfc822Date.TryParse(text, out _));

    [Fact]
    public void AnRfc822DateAtTheEdgeOfTheRangeStillParses()
    {
        Assert.True(Rfc822Date.TryParse("01 Jan 0001 00:00 -0100", out var utc));
        Assert.Equal(new DateTime(1, 1, 1, 1, 0, 0, DateTimeKind.Utc), utc);
        Assert.True(Rfc822Date.TryParse("Fri, 31 Dec 9999 23:59:59 +0100", out utc));
        Assert.Equal(new DateTime(9999, 12, 31, 22, 59, 59, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void AFeedItemDatedOutsideTheRangeOfDatesIsRejectedAndTheRestRead()
    {
        var rss = """
            <rss version="2.0"><channel><title>F</title>
              <item><title>Old</title><guid>1</guid><pubDate>01 Jan 0001 00:00 +0100</pubDate></item>
              <item><title>Now</title><guid>2</guid><pubDate>Mon, 03 Jun 2024 20:10:00 GMT</pubDate></item>
            </channel></rss>
            """;

        var (records, rejections) = FeedParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(rss)), "feed:test", Ingest);

        Assert.Equal("2", Assert.Single(records).Id);
        Assert.Equal("item[0].pubDate", Assert.Single(rejections).Field);
    }
}
