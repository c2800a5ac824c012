using System.Net;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

public sealed class PolygonAggregatesClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset EndOfJune3 = new(2024, 6, 4, 0, 0, 0, TimeSpan.Zero);
    private static DateTime Utc(int day, int h, int m) => new(2024, 6, day, h, m, 0, DateTimeKind.Utc);

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Polygon:ApiKey"] = "pk-test-123",
            ["Sources:Polygon:BaseUrl"] = "http://polygon.test/",
            ["Sources:Polygon:Tickers:0"] = "AAPL",
            ["Sources:Polygon:Aggregates:HistoryDays"] = "1",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public async Task FollowsNextUrlAndStampsEachBarAtItsClose()
    {
        using var host = SourcesTestHost.Create(Settings(), EndOfJune3);
        host.Http.ThenFixture("polygon/aggs-aapl-1-minute-page1.json").ThenFixture("polygon/aggs-aapl-1-minute-page2.json");

        var pages = await host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct);

        var bars = pages.SelectMany(p => p.Records).ToList();
        Assert.Equal([Utc(3, 13, 31), Utc(3, 13, 32), Utc(3, 13, 33), Utc(3, 13, 34), Utc(3, 13, 35)], bars.Select(b => b.EventTime));
        var first = bars[0];
        Assert.Equal(("AAPL", 192.90, 193.40, 192.52, 193.12, 1832345L), (first.Symbol, first.Open, first.High, first.Low, first.Close, first.Volume));
        Assert.Equal(301456L, bars[2].Volume); // written as 301456.0
        Assert.All(bars, b => Assert.Null(b.Validate()));
        Assert.All(bars, b => Assert.Equal("polygon:aggs", b.Source));
        Assert.All(pages, p => Assert.Empty(p.Rejections));

        var requests = host.Http.Requests;
        Assert.Equal(2, requests.Count);
        // From 1 day before "now" to now, in Unix ms.
        Assert.Equal("/v2/aggs/ticker/AAPL/range/1/minute/1717372800000/1717459200000", requests[0].Uri.AbsolutePath);
        Assert.Equal(("true", "asc", "50000"), (requests[0].Query("adjusted"), requests[0].Query("sort"), requests[0].Query("limit")));
        // next_url is followed on the configured host (the key never goes elsewhere) with its cursor.
        Assert.Equal("http://polygon.test/v2/aggs/ticker/AAPL/range/1/minute/1717421580000/1717459200000?cursor=bGltaXQ9MyZzb3J0PWFzYw", requests[1].Uri.ToString());
        Assert.All(requests, r => Assert.Equal("Bearer pk-test-123", r.Authorization));
        Assert.All(requests, r => Assert.DoesNotContain("pk-test-123", r.Uri.ToString()));
        Assert.Equal(["1717421520000", "1717421640000"], pages.Select(p => p.Cursor!.Value.Value));
    }

    [Fact]
    public async Task SecondRunAsksOnlyForBarsAfterTheCursor()
    {
        using var host = SourcesTestHost.Create(Settings(), EndOfJune3);
        host.Http.ThenFixture("polygon/aggs-aapl-1-minute-page1.json").ThenFixture("polygon/aggs-aapl-1-minute-page2.json")
            .Then(HttpStatusCode.OK, """{"ticker":"AAPL","queryCount":0,"resultsCount":0,"adjusted":true,"status":"OK","request_id":"r3","count":0}""");
        var client = host.Get<PolygonAggregatesClient>();
        await host.DrainAsync(client.ReadAllAsync(_ct), _ct);

        host.Clock.Now = EndOfJune3.AddMinutes(5);
        var second = await host.DrainAsync(client.ReadAllAsync(_ct), _ct);

        Assert.Empty(second.SelectMany(p => p.Records));
        Assert.Equal("/v2/aggs/ticker/AAPL/range/1/minute/1717421640001/1717459500000", host.Http.Requests[2].Uri.AbsolutePath);
        Assert.Equal("1717421640000", await host.Cursors.GetAsync(PolygonAggregatesClient.CursorKey("AAPL", new PolygonAggregateOptions()), _ct));
    }

    [Fact]
    public async Task LeavesTheStillFormingBarForTheNextRun()
    {
        using var host = SourcesTestHost.Create(Settings(), new DateTimeOffset(2024, 6, 3, 13, 32, 30, TimeSpan.Zero));
        host.Http.ThenFixture("polygon/aggs-aapl-1-minute-page1.json");

        var pages = await host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct);

        // 13:30 and 13:31 have closed; the 13:32 bar closes at 13:33, after "now": not emitted, next_url not followed.
        Assert.Equal([Utc(3, 13, 31), Utc(3, 13, 32)], pages.SelectMany(p => p.Records).Select(b => b.EventTime));
        Assert.Single(host.Http.Requests);
        Assert.Equal("1717421460000", pages.Single().Cursor!.Value.Value);
    }

    [Fact]
    public async Task DailyBarsCarryTheNewYorkSessionDate()
    {
        using var host = SourcesTestHost.Create(Settings(("Sources:Polygon:Tickers:0", "SPY"), ("Sources:Polygon:Aggregates:Timespan", "day")),
            new DateTimeOffset(2024, 6, 5, 3, 59, 0, TimeSpan.Zero));
        host.Http.ThenFixture("polygon/aggs-spy-1-day.json");

        var bars = (await host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct)).SelectMany(p => p.Records).ToList();

        // Polygon's t is 00:00 New York (04:00 UTC in June). June 4's bar is final only at 00:00 New York on June 5.
        var bar = Assert.Single(bars);
        Assert.Equal(new DateTime(2024, 6, 3, 0, 0, 0, DateTimeKind.Utc), bar.EventTime);
        Assert.Equal((529.02, 527.80, 50080539L), (bar.Open, bar.Close, bar.Volume));
        Assert.Contains("/range/1/day/", host.Http.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task MalformedBarsAreRejectedNamingTheFieldAndTheRestGoesThrough()
    {
        using var host = SourcesTestHost.Create(Settings(), EndOfJune3);
        host.Http.ThenFixture("polygon/aggs-aapl-malformed.json");

        var page = Assert.Single(await host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct));

        Assert.Single(page.Records);
        Assert.Equal(
            [("results[1].o", "is missing"), ("results[2].o", "is the string \"193.30\", not a number"), ("results[3]", "high 192.9 is below low 192.98")],
            page.Rejections.Select(r => (r.Field, r.Reason)));
        Assert.Contains("\"t\": 1717421460000", page.Rejections[0].Payload);
        Assert.Equal("1717421400000", page.Cursor!.Value.Value);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "'$' is not JSON")]
    [InlineData("""{"status":"NOT_AUTHORIZED","request_id":"x","message":"Your plan doesn't include this data timeframe."}""", "'status' is 'NOT_AUTHORIZED': Your plan doesn't include this data timeframe.")]
    [InlineData("""{"status":"OK","results":{"t":1}}""", "'results' is an object, not an array")]
    [InlineData("""{"status":"OK","results":[],"next_url":42}""", "'next_url' is the number 42, not a string")]
    public async Task UnreadablePagesFailWithTheFieldNamed(string body, string expected)
    {
        using var host = SourcesTestHost.Create(Settings(), EndOfJune3);
        host.Http.Then(HttpStatusCode.OK, body);

        var e = await Assert.ThrowsAsync<SourcePayloadException>(() => host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct));

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("polygon:aggs: malformed payload", e.Message);
    }
}
