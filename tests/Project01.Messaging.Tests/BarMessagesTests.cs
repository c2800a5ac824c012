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
}
