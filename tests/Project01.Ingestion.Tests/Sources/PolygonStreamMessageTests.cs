using Project01.Ingestion.Sources.Polygon;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources;

public sealed class PolygonStreamMessageTests
{
    private static readonly DateTime Ingest = new(2024, 6, 3, 13, 30, 1, DateTimeKind.Utc);

    private static PolygonStreamBatch Parse(string json, List<PolygonStatus>? statuses = null) =>
        PolygonStreamMessage.Parse(System.Text.Encoding.UTF8.GetBytes(json), Ingest, statuses ?? []);

    [Fact]
    public void MapsTradesAndQuotes()
    {
        var batch = Parse(File.ReadAllText(TestPaths.Fixture("sources", "polygon", "stream-trades-quotes.json")));

        Assert.Equal(2, batch.Trades.Count);
        var trade = batch.Trades[0];
        Assert.Equal(("AAPL", 194.35, 100L, "4", "52983525029461"), (trade.Symbol, trade.Price, trade.Size, trade.Exchange, trade.TradeId));
        Assert.Equal([12, 37], trade.Conditions!);
        Assert.Equal(new DateTime(2024, 6, 3, 13, 30, 0, 123, DateTimeKind.Utc), trade.EventTime);
        Assert.Equal((Ingest, "polygon:stream"), (trade.IngestTime, trade.Source));
        Assert.Null(batch.Trades[1].Conditions);

        var quote = Assert.Single(batch.Quotes);
        Assert.Equal(("AAPL", 194.34, 3L, 194.36, 2L, "11", "12"),
            (quote.Symbol, quote.BidPrice, quote.BidSize, quote.AskPrice, quote.AskSize, quote.BidExchange, quote.AskExchange));
        Assert.Empty(batch.Rejections);
    }

    [Fact]
    public void BadEventsAreRejectedByFieldAndTheirNeighboursKept()
    {
        var batch = Parse(File.ReadAllText(TestPaths.Fixture("sources", "polygon", "stream-malformed.json")));

        Assert.Equal("2", Assert.Single(batch.Trades).TradeId);
        Assert.Empty(batch.Quotes); // and the "A" (aggregate) event is not ours: ignored
        Assert.Equal([("[0].p", "is missing"), ("[1].bs", "is the string \"three\", not a number")], batch.Rejections.Select(r => (r.Field, r.Reason)));
        Assert.Contains("\"i\":\"1\"", batch.Rejections[0].Payload);
    }

    [Fact]
    public void StatusEventsAreReportedAndGarbageIsRejectedNotThrown()
    {
        var statuses = new List<PolygonStatus>();
        Assert.True(Parse("""[{"ev":"status","status":"auth_success","message":"authenticated"}]""", statuses).IsEmpty);
        Assert.Equal(new PolygonStatus("auth_success", "authenticated"), Assert.Single(statuses));

        Assert.Equal(("$", true), (Parse("not json").Rejections.Single().Field, Parse("not json").Rejections.Single().Reason.StartsWith("is not JSON", StringComparison.Ordinal)));
        Assert.Equal("is the number 42, not an array of events", Parse("42").Rejections.Single().Reason);
        Assert.Equal("[0].ev", Parse("""[{"sym":"AAPL"}]""").Rejections.Single().Field);
        Assert.Equal(("[0]", "symbol 'aapl' is not a valid upper-case symbol"),
            (Parse("""[{"ev":"T","sym":"aapl","p":1,"s":1,"t":1717421400123}]""").Rejections.Single().Field,
             Parse("""[{"ev":"T","sym":"aapl","p":1,"s":1,"t":1717421400123}]""").Rejections.Single().Reason));
    }
}
