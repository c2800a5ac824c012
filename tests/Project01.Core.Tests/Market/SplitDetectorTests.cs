using Project01.Core.Data;
using Project01.Core.Market;
using Project01.Core.Market.CorporateActions;

namespace Project01.Core.Tests.Market;

public sealed class SplitDetectorTests
{
    private static readonly DateTime Day = new(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("4:1", 4.0, "4:1")]
    [InlineData("3:2", 1.5, "3:2")]
    [InlineData("1:10", 0.1, "1:10")]
    [InlineData("7", 7.0, "7:1")]
    [InlineData("2/3", 2 / 3.0, "2:3")]
    public void RatiosParseAndLabel(string text, double ratio, string label)
    {
        Assert.Equal(ratio, StockSplit.ParseRatio(text), 1e-12);
        Assert.Equal(label, StockSplit.Label(ratio));
    }

    [Theory]
    [InlineData("1:1")]
    [InlineData("0:3")]
    [InlineData("four")]
    public void NonsenseRatiosAreRefused(string text) => Assert.Throws<FormatException>(() => StockSplit.ParseRatio(text));

    [Theory]
    [InlineData(100.0, 50.0, 2.0)]
    [InlineData(100.0, 66.0, 1.5)]
    [InlineData(2.0, 20.5, 0.1)] // a 1:10 reverse split
    public void CloseOnlyJumpsNearARatioAreFlagged(double before, double after, double ratio)
    {
        var found = Assert.Single(SplitDetector.Find([Bar.FromClose("X", Day, before), Bar.FromClose("X", Day.AddDays(1), after)]));
        Assert.Equal(ratio, found.Ratio, 1e-12);
    }

    [Fact]
    public void OrdinaryMovesAreNot()
    {
        Assert.Empty(SplitDetector.Find([Bar.FromClose("X", Day, 100), Bar.FromClose("X", Day.AddDays(1), 88)])); // -12 %, as on 2020-03-16
        Assert.Empty(SplitDetector.Find([Bar.FromClose("X", Day, 100), Bar.FromClose("X", Day.AddDays(1), 57)])); // between 2:1 and 3:2
    }

    [Fact]
    public void TheBundledSp500IndexHasNone() => Assert.Empty(SplitDetector.Find(BundledData.Sp500Bars()));

    [Fact]
    public void AdjustmentDividesEarlierPricesAndMultipliesEarlierVolumes()
    {
        List<Bar> bars = [new("X", Day, 100, 102, 98, 101, 10), new("X", Day.AddDays(1), 51, 52, 50, 51.5, 30)];
        var applied = SplitAdjustment.Apply(bars, [new StockSplit("X", Day.AddDays(1), 2), new StockSplit("Y", Day.AddDays(1), 3), new StockSplit("X", Day.AddDays(9), 5)]);
        Assert.Equal(2.0, Assert.Single(applied).Ratio);
        Assert.Equal(new Bar("X", Day, 50, 51, 49, 50.5, 20), bars[0]);
        Assert.Equal(51.5, bars[1].Close);
    }
}
