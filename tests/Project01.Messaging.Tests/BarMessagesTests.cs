using Project01.Core.Market;
using Project01.Messaging.Records;

namespace Project01.Messaging.Tests;

public sealed class BarMessagesTests
{
    private static readonly DateTime Ingest = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly Bar First = new("SPX", new DateTime(2020, 4, 16, 0, 0, 0, DateTimeKind.Utc), 2799.34, 2806.51, 2749.02, 2799.55, 5179990000);
    private static readonly Bar Second = new("SPX", new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc), 2842.43, 2879.22, 2830.88, 2874.56, 5792140000);

    [Fact]
    public void ABatchYieldsEveryBarInOrder()
    {
        var json = new BarBatchRecord("SPX", "replay:sp500", Ingest, [First, Second]).Serialize();
        var into = new List<(Bar Bar, DateTime IngestTime, string Source)>();

        Assert.True(BarMessages.TryRead(json, into, static (b, t, s) => (b, t, s), out var error), error);

        Assert.Equal([First, Second], into.Select(b => b.Bar));
        Assert.All(into, b => Assert.Equal((Ingest, "replay:sp500"), (b.IngestTime, b.Source)));
    }

    [Fact]
    public void ASingleBarYieldsIt()
    {
        var json = RecordJson.Serialize(BarRecord.From(Second, Ingest, "polygon"));
        var into = new List<(Bar Bar, DateTime IngestTime, string Source)>();

        Assert.True(BarMessages.TryRead(json, into, static (b, t, s) => (b, t, s), out _));

        Assert.Equal(Second, Assert.Single(into).Bar);
    }

    [Fact]
    public void AnInvalidBatchIsRefusedWithItsReasonAndAddsNothing()
    {
        var bad = Second with { High = 1 }; // high below low
        var json = new BarBatchRecord("SPX", "replay:sp500", Ingest, [First, bad]).Serialize();
        var into = new List<(Bar Bar, DateTime IngestTime, string Source)>();

        Assert.False(BarMessages.TryRead(json, into, static (b, t, s) => (b, t, s), out var error));

        Assert.Empty(into);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void OtherKindsCarryNoBars()
    {
        var json = RecordJson.Serialize(new TradeRecord
        {
            Symbol = "SPX", EventTime = First.Time, IngestTime = Ingest, Price = 2800, Size = 10, Source = "polygon",
        });
        var into = new List<(Bar Bar, DateTime IngestTime, string Source)>();

        Assert.True(BarMessages.TryRead(json, into, static (b, t, s) => (b, t, s), out _));
        Assert.Empty(into);
        Assert.False(BarMessages.IsBars(RecordJson.PeekKind(json)));
    }

    [Fact]
    public void IntradayBatchesTravelWithTheirIntervalAndNeverAsDays()
    {
        var minute = BarInterval.Parse("5m");
        var a = First with { Time = new DateTime(2020, 4, 16, 13, 35, 0, DateTimeKind.Utc) };
        var b = Second with { Time = new DateTime(2020, 4, 16, 13, 40, 0, DateTimeKind.Utc) };
        var json = new BarBatchRecord("SPX", "import:spx.csv", Ingest, [a, b], minute).Serialize();

        Assert.Equal(BarBatchRecord.IntradayKindName, RecordJson.PeekKind(json));
        var daily = new List<Bar>();
        Assert.True(BarMessages.TryRead(json, daily, static (bar, _, _) => bar, out _));
        Assert.Empty(daily); // a reader of days sees nothing
        var batch = BarMessages.TryReadIntraday(json, out var error);
        Assert.True(batch is not null, error);
        Assert.Equal(minute, batch.Interval);
        Assert.Equal([a, b], batch.Bars);
        Assert.Null(BarMessages.TryReadIntraday(new BarBatchRecord("SPX", "replay", Ingest, [First]).Serialize(), out error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("\"interval\":\"5m\",", "", "needs its interval")]
    [InlineData("\"interval\":\"5m\",", "\"interval\":\"1d\",", "1d is not intraday")]
    [InlineData("\"interval\":\"5m\",", "\"interval\":\"5x\",", "'5x' is not a bar interval")]
    public void AnIntradayBatchWithoutAUsableIntervalIsRefused(string from, string to, string reason)
    {
        var json = System.Text.Encoding.UTF8.GetString(new BarBatchRecord("SPX", "import", Ingest,
            [First with { Time = new DateTime(2020, 4, 16, 13, 35, 0, DateTimeKind.Utc) }], BarInterval.Parse("5m")).Serialize());
        Assert.Contains(from, json);
        Assert.Null(BarMessages.TryReadIntraday(System.Text.Encoding.UTF8.GetBytes(json.Replace(from, to)), out var error));
        Assert.Contains(reason, error);
    }
}
