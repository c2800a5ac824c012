using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

public sealed class PolygonNewsClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadsArticlesAcrossPagesWithTheirTickers()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now);
        host.Http.ThenFixture("polygon/news-aapl-page1.json").ThenFixture("polygon/news-aapl-page2.json");

        var pages = await host.DrainAsync(host.Get<PolygonNewsClient>().ReadAllAsync(_ct), _ct);

        var news = pages.SelectMany(p => p.Records).ToList();
        Assert.Equal(3, news.Count);
        var first = news[0];
        Assert.Equal("8ec638777ca03b553ae516761c2a22ba2fdd2f37befae3ab6fdab74e9e5193eb", first.Id);
        Assert.Equal(("Benzinga", "Anusuya Lahiri", "polygon:news"), (first.Publisher, first.Author, first.Source));
        Assert.Equal(new DateTime(2024, 6, 3, 13, 45, 12, DateTimeKind.Utc), first.EventTime);
        Assert.Equal(["AAPL", "MSFT"], first.Symbols); // X:BTCUSD is not an equity symbol
        Assert.StartsWith("Analysts expect Apple", first.Body);
        Assert.StartsWith("https://www.benzinga.com/news/", first.Url);
        Assert.Null(news[2].Author);

        var rejected = Assert.Single(pages.SelectMany(p => p.Rejections));
        Assert.Equal(("results[1].title", "is missing"), (rejected.Field, rejected.Reason));

        var requests = host.Http.Requests;
        Assert.Equal("/v2/reference/news", requests[0].Uri.AbsolutePath);
        Assert.Equal(("AAPL", "2024-05-28T00:00:00Z", "asc", "published_utc", "1000"),
            (requests[0].Query("ticker"), requests[0].Query("published_utc.gte"), requests[0].Query("order"), requests[0].Query("sort"), requests[0].Query("limit")));
        Assert.Equal("http://polygon.test/v2/reference/news?cursor=YXA9MjAyNC0wNi0wM1QxNTowMjowMFomYXM9JmxpbWl0PTImb3JkZXI9YXNj", requests[1].Uri.ToString());
        Assert.Equal("2024-06-03T22:20:07Z", pages[^1].Cursor!.Value.Value);
    }

    [Fact]
    public async Task SecondRunAsksOnlyForArticlesPublishedAfterTheCursor()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now);
        host.Http.ThenFixture("polygon/news-aapl-page1.json").ThenFixture("polygon/news-aapl-page2.json")
            .Then(System.Net.HttpStatusCode.OK, """{"results":[],"status":"OK","request_id":"r3","count":0}""");
        var client = host.Get<PolygonNewsClient>();
        await host.DrainAsync(client.ReadAllAsync(_ct), _ct);

        var second = await host.DrainAsync(client.ReadAllAsync(_ct), _ct);

        Assert.Empty(second.SelectMany(p => p.Records));
        var request = host.Http.Requests[2];
        Assert.Equal("2024-06-03T22:20:07Z", request.Query("published_utc.gt"));
        Assert.Null(request.Query("published_utc.gte"));
    }
}
