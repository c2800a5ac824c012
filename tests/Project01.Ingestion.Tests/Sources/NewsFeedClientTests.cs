using System.Net;
using System.Net.Http.Headers;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

public sealed class NewsFeedClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 3, 21, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Sources:Feeds:Feeds:0:Name"] = "marketwatch",
        ["Sources:Feeds:Feeds:0:Url"] = "http://feeds.test/marketwatch/topstories",
        ["Sources:Feeds:Feeds:1:Name"] = "sec",
        ["Sources:Feeds:Feeds:1:Url"] = "http://feeds.test/sec/press.atom",
    };

    private static DateTime Utc(int month, int day, int h, int m) => new(2024, month, day, h, m, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ReadsRssAndAtomAndRejectsBadItemsByElement()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.ThenFixture("feeds/marketwatch-rss.xml", "application/rss+xml").ThenFixture("feeds/sec-press-atom.xml", "application/atom+xml");

        var pages = await host.DrainAsync(host.Get<NewsFeedClient>().ReadAllAsync(_ct), _ct);

        var rss = pages[0];
        Assert.Equal(
            [("MW-7a9e01", Utc(6, 3, 13, 30)), ("https://www.marketwatch.com/story/treasury-yields-9c4e12", Utc(6, 3, 19, 5)), ("MW-3f1c2a", Utc(6, 3, 20, 10))],
            rss.Records.Select(r => (r.Id, r.EventTime)));
        var first = rss.Records.Single(r => r.Id == "MW-3f1c2a");
        Assert.Equal(("feed:marketwatch", "MarketWatch.com - Top Stories", "Joseph Adinolfi", "en-us"), (first.Source, first.Publisher, first.Author, first.Language));
        Assert.StartsWith("The Dow rose", first.Body);
        var bad = Assert.Single(rss.Rejections);
        Assert.Equal(("item[2].pubDate", "'yesterday afternoon' is not an RFC 822 date"), (bad.Field, bad.Reason));
        Assert.Contains("MW-5b2d77", bad.Payload);

        var atom = pages[1];
        Assert.Equal([("https://www.sec.gov/news/press-release/2024-68", Utc(6, 3, 18, 30)), ("https://www.sec.gov/news/press-release/2024-67", Utc(5, 16, 10, 0))],
            atom.Records.Select(r => (r.Id, r.EventTime)).OrderByDescending(x => x.EventTime));
        var release = atom.Records.Single(r => r.Id.EndsWith("2024-68", StringComparison.Ordinal));
        Assert.Equal(("https://www.sec.gov/news/press-release/2024-68", "U.S. Securities and Exchange Commission", "en"), (release.Url, release.Author, release.Language));
        Assert.Equal("Office of Public Affairs", atom.Records.Single(r => r.Id.EndsWith("2024-67", StringComparison.Ordinal)).Author);
        Assert.Equal(("entry[2].id", "is missing"), (atom.Rejections.Single().Field, atom.Rejections.Single().Reason));
    }

    [Fact]
    public async Task LaterPollsAreConditionalAndEmitOnlyNewerItems()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        var lastModified = new DateTimeOffset(2024, 6, 3, 20, 15, 0, TimeSpan.Zero);
        host.Http
            .ThenFixture("feeds/marketwatch-rss.xml", "application/rss+xml", r =>
            {
                r.Headers.ETag = new EntityTagHeaderValue("\"mw-1\"");
                r.Content.Headers.LastModified = lastModified;
            })
            .Then(HttpStatusCode.NotModified)
            .ThenFixture("feeds/marketwatch-rss.xml", "application/rss+xml"); // changed validators, same items
        var client = host.Get<NewsFeedClient>();
        var feed = new NewsFeed { Name = "marketwatch", Url = new Uri("http://feeds.test/marketwatch/topstories") };

        async Task<Ingestion.Sources.SourcePage<Messaging.Records.NewsRecord>> Poll()
        {
            var page = await client.ReadAsync(feed, _ct);
            if (page.Cursor is { } c) await host.Cursors.SetAsync(c.Key, c.Value, _ct);
            return page;
        }

        Assert.Equal(3, (await Poll()).Records.Count);
        Assert.Empty((await Poll()).Records);
        Assert.Empty((await Poll()).Records); // nothing published after 20:10

        var requests = host.Http.Requests;
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal(("\"mw-1\"", lastModified), (requests[1].IfNoneMatch, requests[1].IfModifiedSince));
    }

    [Theory]
    [InlineData("<rss><channel><item>", "'$' is not well-formed XML")]
    [InlineData("<html><body>Moved</body></html>", "root element <html> is neither RSS 2.0 <rss> nor Atom <feed>")]
    [InlineData("<!DOCTYPE rss [<!ENTITY x \"y\">]><rss><channel/></rss>", "'$' is not well-formed XML")]
    public async Task DocumentsThatAreNotFeedsFailClearly(string body, string expected)
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.Then(HttpStatusCode.OK, body, "text/html");

        var e = await Assert.ThrowsAsync<SourcePayloadException>(() => host.DrainAsync(host.Get<NewsFeedClient>().ReadAllAsync(_ct), _ct));

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("feed:marketwatch", e.Message);
    }

    [Theory]
    [InlineData("Mon, 03 Jun 2024 20:10:00 GMT", "2024-06-03T20:10:00")]
    [InlineData("Mon, 03 Jun 2024 09:30:00 -0400", "2024-06-03T13:30:00")]
    [InlineData("3 Jun 2024 15:05 EDT", "2024-06-03T19:05:00")]
    [InlineData("Tue, 31 Dec 24 23:59:59 +0530", "2024-12-31T18:29:59")]
    [InlineData("Wed, 01 Jan 2025 00:00:00 PST", "2025-01-01T08:00:00")]
    public void ParsesRfc822Dates(string text, string expectedUtc)
    {
        Assert.True(Rfc822Date.TryParse(text, out var utc));
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Mon, 03 Jun 2024 20:10:00 XYZ")]
    [InlineData("Mon, 32 Jun 2024 20:10:00 GMT")]
    [InlineData("")]
    public void RefusesWhatIsNotAnRfc822Date(string text) => Assert.False(Rfc822Date.TryParse(text, out _));
}
