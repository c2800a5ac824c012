using Project01.Core.Market;

namespace Project01.Core.Tests.Market;

/// <summary>The headers vendors actually write, read by the one reader.</summary>
public sealed class VendorLayoutTests
{
    private static readonly DateTime Jan2 = new(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private static ParsedBar ReadOne(string csv, MarketCsvOptions? options = null) =>
        new MarketCsvReader("v.csv", "DFLT", options).ReadAll(new StringReader(csv)).Single();

    [Fact]
    public void YahooKeepsRawPricesUnlessAskedForAdjustedOnes()
    {
        // An AAPL-like row from before a 4:1 split: adjusted close ÷ close ≈ 0.2486
        const string csv = "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,504.05,505.77,498.31,499.23,124.12,46907500\n";
        var raw = ReadOne(csv).Bar;
        Assert.Equal(new Bar("DFLT", Jan2, 504.05, 505.77, 498.31, 499.23, 46907500), raw);

        var adjusted = ReadOne(csv, MarketCsvOptions.Default with { Adjusted = true }).Bar;
        var factor = 124.12 / 499.23;
        Assert.Equal(124.12, adjusted.Close, 1e-9);
        Assert.Equal(504.05 * factor, adjusted.Open, 1e-9);
        Assert.Equal(498.31 * factor, adjusted.Low, 1e-9);
        Assert.Equal(Math.Round(46907500 / factor), adjusted.Volume);
        Assert.Null(adjusted.Validate());
    }

    [Fact]
    public void StooqBulkFilesGiveDateTimeTickerAndDropTheExchangeSuffix()
    {
        const string header = "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n";
        var options = new MarketCsvOptions(MarketTime.NewYork, SymbolSuffix: ".US");
        var daily = ReadOne(header + "AAPL.US,D,20200102,000000,74.06,75.15,73.8,75.09,135480400,0\n", options);
        Assert.Equal(new Bar("AAPL", Jan2, 74.06, 75.15, 73.8, 75.09, 135480400), daily.Bar);

        var intraday = ReadOne(header + "AAPL.US,5,20200102,093500,74.06,75.15,73.8,75.09,480400,0\n", options);
        Assert.Equal(new DateTime(2020, 1, 2, 14, 35, 0, DateTimeKind.Utc), intraday.Bar.Time);

        var badTime = ReadOne(header + "AAPL.US,5,20200102,9h35,74.06,75.15,73.8,75.09,480400,0\n", options);
        Assert.Equal(("time", 2L), (badTime.Error!.Field, badTime.Error.Line));
    }

    [Fact]
    public void PolygonFlatFilesGiveNanosecondWindowsInAnyColumnOrder()
    {
        var row = ReadOne("ticker,volume,open,close,high,low,window_start,transactions\nAAPL,4930,74.06,74.1,74.2,74.0,1577975400000000000,52\n");
        Assert.Equal(new Bar("AAPL", new DateTime(2020, 1, 2, 14, 30, 0, DateTimeKind.Utc), 74.06, 74.2, 74.0, 74.1, 4930), row.Bar);
    }

    [Fact]
    public void AnAdjustedCloseAloneIsTheClose()
    {
        var layout = MarketCsvLayout.FromHeader("a.csv", "date,adj_close");
        Assert.Equal((1, -1), (layout.Close, layout.AdjClose));
    }
}
