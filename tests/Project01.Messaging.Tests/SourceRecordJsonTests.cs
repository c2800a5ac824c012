using System.Text;
using System.Text.Json;
using Project01.Core.Market;
using Project01.Messaging.Records;

namespace Project01.Messaging.Tests;

public sealed class SourceRecordJsonTests
{
    private static readonly DateTime Event = new(2024, 6, 3, 13, 30, 0, 123, DateTimeKind.Utc);
    private static readonly DateTime Ingest = new(2024, 6, 3, 13, 30, 1, DateTimeKind.Utc);

    private static TradeRecord Trade => new()
    {
        Symbol = "AAPL", EventTime = Event, IngestTime = Ingest, Price = 194.35, Size = 100, Exchange = "4", TradeId = "52983525029461",
        Conditions = [12, 37], Source = "polygon:stream",
    };

    [Fact]
    public void BarWireFormatIsUnchanged()
    {
        var bar = BarRecord.From(new Bar("SPX", new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc), 1, 2, 0.5, 1.5, 100), Ingest, "replay:x.csv");
        Assert.Equal(
            """{"v":1,"kind":"bar","symbol":"SPX","event_time":"2020-01-02T00:00:00Z","ingest_time":"2024-06-03T13:30:01Z","open":1,"high":2,"low":0.5,"close":1.5,"volume":100,"source":"replay:x.csv"}""",
            Encoding.UTF8.GetString(RecordJson.Serialize(bar)));
    }

    [Fact]
    public void EveryKindRoundTripsWithItsVersionAndKind()
    {
        var trade = RecordJson.TryDeserializeTrade(RecordJson.Serialize(Trade), out var error);
        Assert.Null(error);
        Assert.Equal(Trade with { Conditions = trade!.Conditions }, trade);
        Assert.Equal([12, 37], trade.Conditions!);

        var quote = new QuoteRecord
        {
            Symbol = "AAPL", EventTime = Event, IngestTime = Ingest, BidPrice = 194.34, BidSize = 3, AskPrice = 194.36, AskSize = 2,
            BidExchange = "11", AskExchange = "12", Source = "polygon:stream",
        };
        Assert.Equal(quote, RecordJson.TryDeserializeQuote(RecordJson.Serialize(quote), out error));
        Assert.Null(error);

        var news = new NewsRecord
        {
            Id = "abc", Source = "polygon:news", Publisher = "Benzinga", EventTime = Event, IngestTime = Ingest, Headline = "Apple rises",
            Body = "…", Url = "https://example.com/a", Symbols = ["AAPL", "MSFT"], Language = "en",
        };
        var decodedNews = RecordJson.TryDeserializeNews(RecordJson.Serialize(news), out error);
        Assert.Null(error);
        Assert.Equal(["AAPL", "MSFT"], decodedNews!.Symbols);
        Assert.Equal(news.Headline, decodedNews.Headline);

        var tweet = new TweetRecord
        {
            Id = "1798", AuthorId = "44196397", AuthorHandle = "someone", EventTime = Event, IngestTime = Ingest, Text = "$AAPL up",
            Cashtags = ["AAPL"], Metrics = new TweetMetrics { Likes = 5, Retweets = 1, Impressions = 900 }, Source = "x:search",
        };
        var decodedTweet = RecordJson.TryDeserializeTweet(RecordJson.Serialize(tweet), out error);
        Assert.Null(error);
        Assert.Equal(tweet.Metrics, decodedTweet!.Metrics);

        var gdp = new FundamentalRecord
        {
            SeriesId = "GDP", ObservationDate = new DateOnly(2024, 1, 1), Frequency = "Q", Value = 28269.174, Units = "Billions of Dollars",
            PublishedDate = new DateOnly(2024, 4, 25), EventTime = new DateTime(2024, 4, 25, 0, 0, 0, DateTimeKind.Utc), IngestTime = Ingest, Source = "fred",
        };
        var json = RecordJson.Serialize(gdp);
        Assert.Contains("\"observation_date\":\"2024-01-01\"", Encoding.UTF8.GetString(json));
        Assert.Equal(gdp, RecordJson.TryDeserializeFundamental(json, out error));
        Assert.Null(error);

        Assert.Equal(["trade", "quote", "news", "tweet", "fundamental"],
            new[] { RecordJson.Serialize(Trade), RecordJson.Serialize(quote), RecordJson.Serialize(news), RecordJson.Serialize(tweet), json }
                .Select(b => RecordJson.PeekKind(b)));
    }

    [Fact]
    public void DecodingReportsTheFirstProblem()
    {
        Assert.Null(RecordJson.TryDeserializeBar(RecordJson.Serialize(Trade), out var error));
        Assert.StartsWith("not a valid bar record", error); // a trade has no open/high/low/close

        var asTrade = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(RecordJson.Serialize(Trade))!;
        asTrade["kind"] = JsonSerializer.SerializeToElement("bar");
        Assert.Null(RecordJson.TryDeserializeTrade(JsonSerializer.SerializeToUtf8Bytes(asTrade), out error));
        Assert.Equal("kind 'bar' is not 'trade'", error);

        Assert.Null(RecordJson.TryDeserializeTrade(RecordJson.Serialize(Trade with { Price = -1 }), out error));
        Assert.Equal("price -1 is not a positive number", error);

        Assert.Null(RecordJson.TryDeserializeTrade(RecordJson.Serialize(Trade with { SchemaVersion = 2 }), out error));
        Assert.Equal("unsupported schema version 2 (expected 1)", error);

        Assert.Null(RecordJson.TryDeserializeQuote("{\"v\":1,\"kind\":\"quote\"}"u8, out error));
        Assert.Contains("missing required properties", error);

        var badCashtag = new TweetRecord { Id = "1", AuthorId = "2", EventTime = Event, IngestTime = Ingest, Text = "", Cashtags = ["aapl"], Source = "x" };
        Assert.Equal("cashtag 'aapl' is not a valid upper-case symbol", badCashtag.Validate());

        var lateStamp = new FundamentalRecord
        {
            SeriesId = "GDP", ObservationDate = new DateOnly(2024, 1, 1), Value = 1, PublishedDate = new DateOnly(2024, 4, 25),
            EventTime = new DateTime(2024, 3, 31, 0, 0, 0, DateTimeKind.Utc), IngestTime = Ingest, Source = "fred",
        };
        Assert.StartsWith("event_time 2024-03-31", lateStamp.Validate());

        Assert.Null(RecordJson.PeekKind("not json"u8));
        Assert.Null(RecordJson.PeekKind("{\"kind\":3}"u8));
        Assert.Equal("bar", RecordJson.PeekKind("{\"v\":1,\"x\":{\"kind\":\"no\"},\"kind\":\"bar\"}"u8));
    }
}
