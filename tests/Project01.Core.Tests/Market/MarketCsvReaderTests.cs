using Project01.Core.Market;

namespace Project01.Core.Tests.Market;

public sealed class MarketCsvReaderTests
{
    private static List<ParsedBar> Read(string csv, string symbol = "TST") => new MarketCsvReader("t.csv", symbol).ReadAll(new StringReader(csv)).ToList();

    [Fact]
    public void ReadsOhlcvCloseOnlyAndPanelLayouts()
    {
        var ohlcv = Read("date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n");
        Assert.Equal(new Bar("TST", new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc), 1, 2, 0.5, 1.5, 100), ohlcv.Single().Bar);

        var closes = Read("Date,Close\n2020-01-02,1.5\n");
        Assert.Equal(1.5, closes.Single().Bar.High);

        var panel = Read("date,symbol,close\n2020-01-02,AA,5.9\n2020-01-02,MSFT,2.1\n");
        Assert.Equal(["AA", "MSFT"], panel.Select(p => p.Bar.Symbol));
    }

    [Theory]
    [InlineData("2020-01-02,1,2,0.5,x,100", "close", "'x' is not a number")]
    [InlineData("2020-02-30,1,2,0.5,1.5,100", "date", "is not a timestamp")]
    [InlineData("2020-01-02,1,0.4,0.5,1.5,100", "high", "high 0.4 is below low 0.5")]
    [InlineData("2020-01-02,1,2,0.5,3,100", "close", "close 3 is outside [low, high]")]
    [InlineData("2020-01-02,1,2,0.5,1.5,-3", "volume", "volume is negative")]
    [InlineData("2020-01-02,1,2,0.5,1.5,1.5", "volume", "'1.5' is not a whole non-negative number")]
    [InlineData("2020-01-02,1,2,0.5,1.5", "line", "expected 6 fields, found 5")]
    [InlineData("2020-01-02,1,2,0.5,1.5,100,7", "line", "expected 6 fields, found more")]
    public void ABadRowNamesItsLineAndFieldAndTheNextRowsStillParse(string row, string field, string reason)
    {
        var rows = Read($"date,open,high,low,close,volume\n{row}\n2020-01-03,1,2,0.5,1.5,100\n");
        var error = rows[0].Error!;
        Assert.Equal((2L, field), (error.Line, error.Field));
        Assert.Contains(reason, error.Reason);
        Assert.Equal(row, error.RawLine);
        Assert.True(rows[1].IsValid);
    }

    [Fact]
    public void VendorFilesWithManyColumnsParse()
    {
        // 40 columns, the bar's among them: every extra column is carried past, whatever the width.
        var extra = Enumerable.Range(0, 34).Select(i => $"x{i}").ToArray();
        var header = string.Join(',', ["date", "open", "high", "low", "close", "volume", .. extra]);
        var row = string.Join(',', ["2020-01-02", "1", "2", "0.5", "1.5", "100", .. extra.Select(_ => "9")]);
        var bar = Read($"{header}\n{row}\n").Single();
        Assert.True(bar.IsValid, bar.Error?.Reason);
        Assert.Equal(1.5, bar.Bar.Close);
    }

    [Fact]
    public void AHeaderWithoutCloseIsRejected()
    {
        var e = Assert.Throws<CsvDataException>(() => Read("date,price2\n2020-01-02,1\n"));
        Assert.Equal(("close", 1L), (e.Field, e.Line));
    }

    [Fact]
    public void AQuotedHeaderNameHoldingACommaIsOneColumnAsInTheRows()
    {
        var row = Assert.Single(Read("date,\"a,b\",close\n2020-01-02,\"x,y\",1.5\n"));
        Assert.True(row.IsValid, row.Error?.ToString());
        Assert.Equal(1.5, row.Bar.Close);

        var layout = MarketCsvLayout.FromHeader("t.csv", "\"Date\",\"x \"\"1,2\"\"\",\"Close\"");
        Assert.Equal((3, 0, 2), (layout.FieldCount, layout.Date, layout.Close));

        var e = Assert.Throws<CsvDataException>(() => MarketCsvLayout.FromHeader("t.csv", "date,\"close"));
        Assert.Equal(("header", 1L), (e.Field, e.Line));
    }

    [Fact]
    public void TimestampsWithOffsetsBecomeUtc()
    {
        Assert.True(MarketCsvReader.TryParseTime("2020-01-02T14:30:00+01:00", out var t));
        Assert.Equal(new DateTime(2020, 1, 2, 13, 30, 0, DateTimeKind.Utc), t);
        Assert.True(MarketCsvReader.TryParseTime("2020-01-02T14:30:00", out t)); // no zone: UTC unless the file's zone is given
        Assert.Equal(new DateTime(2020, 1, 2, 14, 30, 0, DateTimeKind.Utc), t);
    }
}
