using System.Net;
using Project01.Ingestion.Sources.X;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

public sealed class XRecentSearchClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 3, 14, 30, 0, TimeSpan.Zero);
    private const string Query = "($AAPL OR $MSFT OR $NVDA) lang:en -is:retweet";

    internal static Dictionary<string, string?> Settings() => new()
    {
        ["Sources:X:ApiKey"] = "x-bearer-token",
        ["Sources:X:BaseUrl"] = "http://x.test/",
        ["Sources:X:SearchQuery"] = Query,
        ["Sources:X:Stream:NetworkBackoff"] = "00:00:00.010",
        ["Sources:X:Stream:HttpBackoff"] = "00:00:00.010",
        ["Sources:X:Stream:RateLimitBackoff"] = "00:00:00.010",
        ["Sources:X:Stream:StallTimeout"] = "00:00:00.300",
    };

    [Fact]
    public async Task PagesThroughResultsAndStoresTheNewestIdOnlyAtTheEnd()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.ThenFixture("x/search-page1.json").ThenFixture("x/search-page2.json");

        var pages = await host.DrainAsync(host.Get<XRecentSearchClient>().ReadAsync(_ct), _ct);

        var tweets = pages.SelectMany(p => p.Records).ToList();
        Assert.Equal(["1797698123451237890", "1797697001122334455", "1797690567788990011"], tweets.Select(t => t.Id));
        var first = tweets[0];
        Assert.Equal(("2244994945", "chartwatcher", "en", "x:search"), (first.AuthorId, first.AuthorHandle, first.Language, first.Source));
        Assert.Equal(new DateTime(2024, 6, 3, 14, 2, 11, DateTimeKind.Utc), first.EventTime);
        Assert.Equal(["AAPL", "MSFT"], first.Cashtags);
        Assert.Equal(new Messaging.Records.TweetMetrics { Retweets = 12, Replies = 4, Likes = 87, Quotes = 2, Impressions = 10432 }, first.Metrics);
        Assert.Equal(["AAPL"], tweets[1].Cashtags); // "$aapl" is still Apple
        Assert.Equal(["NVDA", "AMD"], tweets[2].Cashtags);

        var rejected = Assert.Single(pages.SelectMany(p => p.Rejections));
        Assert.Equal(("data[1].created_at", "is missing"), (rejected.Field, rejected.Reason));

        Assert.Equal([null, "1797698123451237890"], pages.Select(p => p.Cursor?.Value));
        var requests = host.Http.Requests;
        Assert.Equal("/2/tweets/search/recent", requests[0].Uri.AbsolutePath);
        Assert.Equal((Query, "100", "created_at,public_metrics,entities,author_id,lang", "author_id", "username"),
            (requests[0].Query("query"), requests[0].Query("max_results"), requests[0].Query("tweet.fields"), requests[0].Query("expansions"), requests[0].Query("user.fields")));
        Assert.Null(requests[0].Query("since_id"));
        Assert.Equal("b26v89c19zqg8o3fr5s36ozwb8x2sbqdbxu7mg5vbatb1", requests[1].Query("next_token"));
        Assert.All(requests, r => Assert.Equal("Bearer x-bearer-token", r.Authorization));
    }

    [Fact]
    public async Task SecondRunAsksOnlyForPostsSinceTheNewestSeen()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.ThenFixture("x/search-page1.json").ThenFixture("x/search-page2.json").ThenFixture("x/search-empty.json");
        var client = host.Get<XRecentSearchClient>();
        await host.DrainAsync(client.ReadAsync(_ct), _ct);

        var second = await host.DrainAsync(client.ReadAsync(_ct), _ct);

        Assert.Empty(second.SelectMany(p => p.Records));
        Assert.Equal("1797698123451237890", host.Http.Requests[2].Query("since_id"));
        Assert.Equal("1797698123451237890", await host.Cursors.GetAsync(XRecentSearchClient.CursorKey(Query), _ct));
    }

    [Theory]
    [InlineData("""{"data":[]}""", "'meta' is missing")]
    [InlineData("""{"data":{"id":"1"},"meta":{"result_count":1}}""", "'data' is an object, not an array")]
    [InlineData("""{"meta":{"newest_id":17977,"result_count":1}}""", "'meta.newest_id' is the number 17977, not a string")]
    [InlineData("[1,2]", "'$' is an array, not an object")]
    public async Task MalformedPagesFailNamingTheField(string body, string expected)
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.Then(HttpStatusCode.OK, body);

        var e = await Assert.ThrowsAsync<Ingestion.Sources.Http.SourcePayloadException>(() => host.DrainAsync(host.Get<XRecentSearchClient>().ReadAsync(_ct), _ct));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task AWrongTypeInsideAPostRejectsOnlyThatPost()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.Then(HttpStatusCode.OK, """
            {"data":[{"id":"1","text":"ok","created_at":"2024-06-03T14:00:00.000Z","author_id":"9","public_metrics":{"retweet_count":"many","reply_count":0,"like_count":0,"quote_count":0}},
                     {"id":"2","text":"$AAPL","created_at":"2024-06-03T14:01:00.000Z","author_id":"9"}],
             "meta":{"newest_id":"2","oldest_id":"1","result_count":2}}
            """);

        var page = Assert.Single(await host.DrainAsync(host.Get<XRecentSearchClient>().ReadAsync(_ct), _ct));

        Assert.Equal("2", Assert.Single(page.Records).Id);
        Assert.Equal(("data[0].public_metrics.retweet_count", "is the string \"many\", not a number"), (page.Rejections[0].Field, page.Rejections[0].Reason));
    }
}
