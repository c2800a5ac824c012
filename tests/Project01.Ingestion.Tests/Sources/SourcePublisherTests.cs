using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.Publishing;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using Project01.Ingestion.Tests.Sources.Infrastructure;
using Project01.Tests.Kafka;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources;

public sealed class SourcePublisherTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTime Published = new(2024, 6, 3, 13, 45, 12, DateTimeKind.Utc);

    private static NewsRecord News(string id, string headline = "Apple rises") => new()
    {
        Id = id, Source = "polygon:news", EventTime = Published, IngestTime = Published.AddMinutes(1), Headline = headline, Symbols = ["AAPL"],
    };

    [Fact]
    public async Task PagesGoToTheirTopicKeyedByIdAndTheCursorIsStoredOnlyAfterDelivery()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var cursors = new FileSourceCursorStore(Options.Create(new SourceCursorOptions { Directory = TestPaths.NewTempDirectory("pub-cursors") }));
        var publisher = new SourcePublisher(producer, TimeProvider.System, NullLogger<SourcePublisher>.Instance);
        string? cursorSeenBeforePage2 = null;

        async IAsyncEnumerable<SourcePage<NewsRecord>> Pages([EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return new SourcePage<NewsRecord>(
                [News("n1"), News("n2"), News("n3", headline: " ")],
                [new SourceRejection("polygon:news", "results[3].title", "is missing", """{"id":"n4"}""")],
                new SourceCursor("polygon:news:AAPL", "2024-06-03T13:45:12Z"));
            cursorSeenBeforePage2 = await cursors.GetAsync("polygon:news:AAPL", ct);
            yield return new SourcePage<NewsRecord>([News("n5")], [], new SourceCursor("polygon:news:AAPL", "2024-06-03T15:00:00Z"));
        }

        var stats = await publisher.PublishAsync(Pages(), RecordRoutes.News, cursors, _ct);

        Assert.Equal(new PublishStats(3, 2, 0), stats);
        Assert.Equal("2024-06-03T13:45:12Z", cursorSeenBeforePage2);
        Assert.Equal("2024-06-03T15:00:00Z", await cursors.GetAsync("polygon:news:AAPL", _ct));

        var news = kit.ReadAll(Topics.News, 3, TimeSpan.FromSeconds(20));
        Assert.Equal(["n1", "n2", "n5"], news.Select(m => m.Message.Key).Order());
        Assert.All(news, m => Assert.Equal(m.Message.Key, RecordJson.TryDeserializeNews(m.Message.Value, out _)!.Id));

        var dead = kit.ReadAll(Topics.DeadLetter(Topics.News), 2, TimeSpan.FromSeconds(20))
            .Select(m => RecordJson.DeserializeDeadLetter(m.Message.Value)!).OrderBy(d => d.Reason).ToList();
        Assert.Equal([("headline is empty", null), ("is missing", "results[3].title")], dead.Select(d => (d.Reason, d.Field)));
        Assert.All(dead, d => Assert.Equal((Topics.News, "polygon:news"), (d.Topic, d.Source)));
        Assert.Contains("\"id\":\"n3\"", dead[0].Payload);
        Assert.Equal("""{"id":"n4"}""", dead[1].Payload);
    }

    [Fact]
    public async Task StreamBatchesGoToTicksKeyedBySymbolAndOtherKindsToTheirTopics()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var publisher = new SourcePublisher(producer, TimeProvider.System, NullLogger<SourcePublisher>.Instance);
        var batch = PolygonStreamMessage.Parse(File.ReadAllBytes(TestPaths.Fixture("sources", "polygon", "stream-malformed.json")),
            Published, []);
        var good = PolygonStreamMessage.Parse(File.ReadAllBytes(TestPaths.Fixture("sources", "polygon", "stream-trades-quotes.json")),
            Published, []);

        publisher.Publish(batch);
        publisher.Publish(good);
        publisher.Publish(new FundamentalRecord
        {
            SeriesId = "GDP", ObservationDate = new DateOnly(2024, 1, 1), Value = 28269.174, PublishedDate = new DateOnly(2024, 6, 27),
            EventTime = new DateTime(2024, 6, 27, 0, 0, 0, DateTimeKind.Utc), IngestTime = Published, Source = "fred",
        }, RecordRoutes.Fundamentals);
        Assert.False(publisher.Publish(new TweetRecord
        {
            Id = "", AuthorId = "1", EventTime = Published, IngestTime = Published, Text = "x", Source = "x:search",
        }, RecordRoutes.Tweets));
        await publisher.FlushAsync(_ct);

        var ticks = kit.ReadAll(Topics.Ticks, 4, TimeSpan.FromSeconds(20));
        Assert.Equal([("AAPL", "quote"), ("AAPL", "trade"), ("AAPL", "trade"), ("MSFT", "trade")],
            ticks.Select(m => (m.Message.Key, RecordJson.PeekKind(m.Message.Value)!)).Order());
        Assert.Equal(2, kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 2, TimeSpan.FromSeconds(20)).Count);
        Assert.Equal("GDP", Assert.Single(kit.ReadAll(Topics.Fundamentals, 1, TimeSpan.FromSeconds(20))).Message.Key);
        Assert.Equal("id is empty", RecordJson.DeserializeDeadLetter(Assert.Single(kit.ReadAll(Topics.DeadLetter(Topics.Tweets), 1, TimeSpan.FromSeconds(20))).Message.Value)!.Reason);
        Assert.Equal(new PublishStats(5, 3, 0), publisher.Stats);
    }
}
