using Project01.Core.Market;

namespace Project01.Core.Tests.Market;

public sealed class BarAggregatorTests
{
    private static DateTime T(int day, int h, int m, double s = 0) => new DateTime(2024, 6, day, h, m, 0, DateTimeKind.Utc).AddSeconds(s);

    [Fact]
    public void OneMinuteBarsAreStampedAtTheCloseWithHandComputedOhlcv()
    {
        var agg = new BarAggregator("AAPL", TimeSpan.FromMinutes(1));
        Assert.Equal(TradeDisposition.Added, agg.Add(T(3, 13, 30, 5), 100, 10).Disposition);
        agg.Add(T(3, 13, 30, 20), 101.5, 5);
        agg.Add(T(3, 13, 30, 40), 99.75, 20);
        agg.Add(T(3, 13, 30, 59.999), 100.25, 1);

        var next = agg.Add(T(3, 13, 31), 100.5, 3);
        Assert.Equal(TradeDisposition.ClosedPrevious, next.Disposition);
        Assert.Equal(new Bar("AAPL", T(3, 13, 31), 100, 101.5, 99.75, 100.25, 36), next.Completed);

        // A gap: the 13:32 bucket has no trades and yields no bar; the 13:31 bar closes with its single trade.
        var afterGap = agg.Add(T(3, 13, 33, 10), 101, 4);
        Assert.Equal(new Bar("AAPL", T(3, 13, 32), 100.5, 100.5, 100.5, 100.5, 3), afterGap.Completed);

        Assert.Equal(new Bar("AAPL", T(3, 13, 34), 101, 101, 101, 101, 4), agg.Flush());
        Assert.Null(agg.Flush());
        Assert.Null(agg.Pending);
    }

    [Fact]
    public void LateTradesAreReportedAndNeverMergedIntoEmittedBars()
    {
        var agg = new BarAggregator("AAPL", TimeSpan.FromMinutes(1));
        agg.Add(T(3, 13, 30, 10), 100, 1);
        var closed = agg.Add(T(3, 13, 31, 10), 101, 1).Completed!.Value;

        var late = agg.Add(T(3, 13, 30, 50), 90, 1000); // belongs to the 13:30 bucket, already emitted
        Assert.Equal(new TradeAggregation(TradeDisposition.Late, null), late);
        Assert.Equal(1, agg.LateTrades);

        var flushed = agg.Flush()!.Value;
        Assert.Equal(new Bar("AAPL", T(3, 13, 32), 101, 101, 101, 101, 1), flushed);
        Assert.Equal(100, closed.Open);

        // After a flush, even the flushed bucket is closed.
        Assert.Equal(TradeDisposition.Late, agg.Add(T(3, 13, 31, 59), 101, 1).Disposition);
        Assert.Equal(2, agg.LateTrades);
        Assert.Equal(TradeDisposition.Added, agg.Add(T(3, 13, 32), 102, 1).Disposition);
    }

    [Fact]
    public void FiveMinuteBucketsIncludeTheirStartAndExcludeTheirEnd()
    {
        var agg = new BarAggregator("MSFT", TimeSpan.FromMinutes(5));
        agg.Add(T(3, 13, 30), 400, 100);
        agg.Add(T(3, 13, 34, 59.9), 402, 50);
        agg.Add(T(3, 13, 32), 399, 25);
        var r = agg.Add(T(3, 13, 35), 403, 10);
        Assert.Equal(new Bar("MSFT", T(3, 13, 35), 400, 402, 399, 402, 175), r.Completed);
        Assert.Equal(new Bar("MSFT", T(3, 13, 40), 403, 403, 403, 403, 10), agg.Pending);
    }

    [Fact]
    public void OpenAndCloseFollowTradeTimeNotArrivalOrder()
    {
        var agg = new BarAggregator("AAPL", TimeSpan.FromMinutes(1));
        agg.Add(T(3, 13, 30, 30), 10, 1);
        agg.Add(T(3, 13, 30, 10), 9, 1);  // earlier trade arriving later: it is the open
        agg.Add(T(3, 13, 30, 20), 11, 1);
        Assert.Equal(new Bar("AAPL", T(3, 13, 31), 9, 11, 9, 10, 3), agg.Flush());
    }

    [Fact]
    public void DailyBarsUseTheSessionDateInTheMarketZone()
    {
        // 00:30 UTC on June 4 is 20:30 in New York on June 3: a post-market trade of the June 3 session.
        var ny = new BarAggregator("SPY", TimeSpan.FromDays(1), MarketTime.NewYork);
        ny.Add(T(3, 13, 30), 530, 100);
        ny.Add(T(3, 19, 59), 528, 300);
        ny.Add(T(4, 0, 30), 531, 10);
        var closed = ny.Add(T(4, 13, 30), 532, 5);
        Assert.Equal(new Bar("SPY", new DateTime(2024, 6, 3, 0, 0, 0, DateTimeKind.Utc), 530, 531, 528, 531, 410), closed.Completed);

        var utc = new BarAggregator("SPY", TimeSpan.FromDays(1));
        utc.Add(T(3, 13, 30), 530, 100);
        var split = utc.Add(T(4, 0, 30), 531, 10);
        Assert.Equal(new Bar("SPY", new DateTime(2024, 6, 3, 0, 0, 0, DateTimeKind.Utc), 530, 530, 530, 530, 100), split.Completed);
    }

    [Fact]
    public void FlushIfClosedWaitsForTheBucketEndPlusGrace()
    {
        var agg = new BarAggregator("AAPL", TimeSpan.FromMinutes(1));
        agg.Add(T(3, 13, 30, 1), 100, 1);
        Assert.Null(agg.FlushIfClosed(T(3, 13, 30, 59.9)));
        Assert.Null(agg.FlushIfClosed(T(3, 13, 31, 1), TimeSpan.FromSeconds(2)));
        Assert.Equal(T(3, 13, 31), agg.FlushIfClosed(T(3, 13, 31, 2), TimeSpan.FromSeconds(2))!.Value.Time);

        var daily = new BarAggregator("AAPL", TimeSpan.FromDays(1), MarketTime.NewYork);
        daily.Add(T(3, 13, 30), 100, 1);
        Assert.Null(daily.FlushIfClosed(T(4, 3, 59)));   // 23:59 in New York (EDT, UTC-4)
        Assert.NotNull(daily.FlushIfClosed(T(4, 4, 0))); // midnight in New York
    }

    [Theory]
    [InlineData(7)]       // does not divide a day
    [InlineData(2880)]    // two days
    [InlineData(0)]
    public void RejectsIntervalsThatDoNotTileADay(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BarAggregator("AAPL", TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void RejectsBadTrades()
    {
        var agg = new BarAggregator("AAPL", TimeSpan.FromMinutes(1));
        Assert.Throws<ArgumentException>(() => agg.Add(new DateTime(2024, 6, 3, 13, 30, 0, DateTimeKind.Unspecified), 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => agg.Add(T(3, 13, 30), double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => agg.Add(T(3, 13, 30), 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => agg.Add(T(3, 13, 30), 1, -1));
        Assert.Equal(0, agg.LateTrades);
        Assert.Null(agg.Pending);
    }
}
