using Microsoft.Extensions.Logging.Abstractions;
using Project01.Core.Market.CorporateActions;
using Project01.Ingestion.Import;
using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Storage;
using Project01.LakeTables;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Import;

public sealed class UniverseImportTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFolderOfMixedVendorFilesImportsEveryGoodRowOnceAndNamesEveryBadOne()
    {
        var dir = TestPaths.NewTempDirectory("universe");
        await Write(dir, "AAPL.csv", """
            Date,Open,High,Low,Close,Adj Close,Volume
            2020-01-02,74.06,75.15,73.80,75.09,73.59,135480400
            2020-01-03,74.29,75.14,74.13,74.36,72.88,146322800
            2020-01-06,73.45,74.99,73.19,74.95,73.46,118387200
            """);
        await Write(dir, "msft.us.txt", """
            <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>
            MSFT.US,D,20200102,000000,158.78,160.73,158.33,160.62,22622100,0
            MSFT.US,D,20200103,000000,158.32,159.95,158.06,158.62,21116200,0
            MSFT.US,D,2020013,000000,158.32,159.95,158.06,158.62,21116200,0
            """);
        // Polygon minute windows (nanoseconds, stamped at the window's start): two tickers in one file.
        await Write(dir, "2020-01-02.csv", """
            ticker,volume,open,close,high,low,window_start,transactions
            AAPL,4930,74.06,74.10,74.20,74.00,1577975400000000000,52
            SPY,1200,323.5,323.6,323.7,323.4,1577975400000000000,40
            AAPL,3100,74.10,74.12,74.15,74.05,1577975460000000000,33
            SPY,900,323.6,323.55,323.65,323.5,1577975460000000000,31
            AAPL,2800,74.12,74.30,74.31,74.11,1577975520000000000,29
            """);
        await Write(dir, "IBM.csv", """
            timestamp,open,high,low,close,volume
            2020-01-02 09:30:00,135.0,135.9,134.9,135.4,100
            2020-01-02 09:31:00,135.4,135.5,135.1,not-a-price,200
            2020-01-02 09:32:00,135.2,135.6,135.1,135.5,300
            2020-01-02 09:31:30,135.2,135.6,135.1,135.5,300
            """);
        await Write(dir, "prices_2020.csv", "date,close\n2020-01-02,10\n");
        await Write(dir, "broken.csv", "when,what\n2020-01-02,10\n");
        var lake = new Lakehouse(new LocalLakeStorage(Path.Combine(dir, "lake")));

        var summary = await Import(lake, dir, new ImportOptions(TimeZone: "America/New_York"));

        var bars = await ReadBars(lake);
        Assert.Equal(3 + 2 + 3 + 2 + 2, bars.Count);
        // Intraday bars are kept apart from days, each with its series' interval (IBM's two good bars are 2 minutes apart).
        var intraday = await ReadAll(lake, LakeCatalog.IntradayBars);
        Assert.Equal(["1m", "1m", "1m", "1m", "1m", "2m", "2m"], intraday.SelectMany(b => b.Column<string>("interval")).Order());
        Assert.Equal(3, bars.Count(b => b.Symbol == "AAPL" && b.Time.TimeOfDay == TimeSpan.Zero));
        Assert.Equal(73.59, bars.Single(b => b.Symbol == "AAPL" && b.Time == new DateTime(2020, 1, 2)).Close, 1e-9); // adjusted close by default
        Assert.Equal(2, bars.Count(b => b.Symbol == "MSFT"));
        // 09:30 New York = 14:30 UTC; minute windows starting then close at 14:31.
        Assert.Equal([new DateTime(2020, 1, 2, 14, 31, 0), new DateTime(2020, 1, 2, 14, 32, 0), new DateTime(2020, 1, 2, 14, 33, 0)],
            bars.Where(b => b.Symbol == "AAPL" && b.Time.TimeOfDay != TimeSpan.Zero).Select(b => b.Time).Order());
        Assert.Equal([new DateTime(2020, 1, 2, 14, 30, 0), new DateTime(2020, 1, 2, 14, 32, 0)], bars.Where(b => b.Symbol == "IBM").Select(b => b.Time).Order());

        var series = summary.Series.ToDictionary(s => (s.Symbol, s.File));
        Assert.Equal(("1m", VendorFormat.Polygon), (series[("AAPL", "2020-01-02.csv")].Interval, series[("AAPL", "2020-01-02.csv")].Format));
        Assert.Equal(("1d", VendorFormat.Yahoo), (series[("AAPL", "AAPL.csv")].Interval, series[("AAPL", "AAPL.csv")].Format));
        Assert.Equal(VendorFormat.Stooq, series[("MSFT", "msft.us.txt")].Format);

        var rejects = await ReadRejects(lake);
        Assert.Equal(3, rejects.Count);
        Assert.Contains(rejects, r => r.Source.StartsWith("import:msft.us.txt@") && r.Line == 4 && r.Field == "date");
        Assert.Contains(rejects, r => r.Source.StartsWith("import:IBM.csv@") && r.Line == 3 && r.Field == "close" && r.Payload.Contains("not-a-price"));
        Assert.Contains(rejects, r => r.Source.StartsWith("import:IBM.csv@") && r.Line == 5 && r.Field == "date" && r.Reason.Contains("does not come after line 4"));
        Assert.Equal(3, summary.Rejected);

        var refused = summary.Files.Where(f => f.Error is not null).ToDictionary(f => f.File, f => f.Error!);
        Assert.Equal(["broken.csv", "prices_2020.csv"], refused.Keys.Order());
        Assert.Contains("no date column", refused["broken.csv"]);
        Assert.Contains("is not a symbol", refused["prices_2020.csv"]);

        // The same folder again: the lake already holds each file, nothing is added.
        await Import(lake, dir, new ImportOptions(TimeZone: "America/New_York"));
        Assert.Equal(12, (await ReadBars(lake)).Count);
        Assert.Equal(3, (await ReadRejects(lake)).Count);
    }

    [Fact]
    public async Task ASplitLikeJumpIsHeldBackUntilASplitFileAdjustsIt()
    {
        var dir = TestPaths.NewTempDirectory("splits");
        // Raw closes around a 4:1 split effective 2020-08-31 (AAPL's; values rounded).
        await Write(dir, "AAPL.csv", """
            date,open,high,low,close,volume
            2020-08-26,504.7,507.0,498.3,506.1,40755600
            2020-08-27,508.6,509.9,495.3,500.0,38888100
            2020-08-28,504.1,505.8,498.3,499.2,46907500
            2020-08-31,127.6,131.0,126.0,129.0,225702700
            2020-09-01,132.8,134.8,130.5,134.2,151948100
            """);
        var held = await Import(new Lakehouse(new LocalLakeStorage(Path.Combine(dir, "lake1"))), dir, new ImportOptions());
        var s = Assert.Single(held.Series);
        Assert.True(s.HeldBack);
        Assert.Contains("looks like a 4:1 split", Assert.Single(s.SuspectedSplits));
        Assert.Contains("2020-08-31", s.SuspectedSplits[0]);
        Assert.Equal(0, held.Rows);
        Assert.Equal(5, held.HeldBackRows);

        var splitLake = new Lakehouse(new LocalLakeStorage(Path.Combine(dir, "lake2")));
        var adjusted = await Import(splitLake, dir, new ImportOptions(Splits: [new StockSplit("AAPL", new DateTime(2020, 8, 31, 0, 0, 0, DateTimeKind.Utc), 4)]));
        s = Assert.Single(adjusted.Series);
        Assert.False(s.HeldBack);
        Assert.Equal(["2020-08-31 4:1"], s.SplitsApplied);
        var bars = (await ReadBars(splitLake)).OrderBy(b => b.Time).ToList();
        Assert.Equal(499.2 / 4, bars[2].Close, 1e-9);
        Assert.Equal(46907500L * 4, bars[2].Volume);
        Assert.Equal(129.0, bars[3].Close);
        Assert.Empty(SplitDetector.Find(bars));
    }

    [Fact]
    public async Task AdjustedPricesFeedThePlatformAndRawPricesStayReadable()
    {
        var dir = TestPaths.NewTempDirectory("raw-adjusted");
        // A Yahoo file (adjusted close for dividends) of a symbol that also split 4:1 (back-adjusted from a splits file).
        await Write(dir, "AAPL.csv", """
            Date,Open,High,Low,Close,Adj Close,Volume
            2020-08-27,508.57,509.94,495.33,500.04,123.81,38888100
            2020-08-28,504.05,505.77,498.31,499.23,123.61,46907500
            2020-08-31,127.58,131.00,126.00,129.04,127.79,225702700
            """);
        var lake = new Lakehouse(new LocalLakeStorage(Path.Combine(dir, "lake")));
        await Import(lake, dir, new ImportOptions(Splits: [new StockSplit("AAPL", new DateTime(2020, 8, 31, 0, 0, 0, DateTimeKind.Utc), 4)]));

        var queries = new Project01.LakeTables.Queries.BarQueries(lake);
        var adjusted = await queries.GetBarsAsync("AAPL", ct: _ct);
        var raw = await queries.GetBarsAsync("AAPL", ct: _ct, raw: true);
        // Adjusted: the file's adjusted closes, which already include the split (the splits file is not applied twice);
        // raw: the closes as traded.
        Assert.Equal([123.81, 123.61, 127.79], adjusted.Select(b => Math.Round(b.Close, 6)));
        Assert.Equal([500.04, 499.23, 129.04], raw.Select(b => Math.Round(b.Close, 6)));
        Assert.Equal(38888100, raw[0].Volume);
        Assert.Empty(Project01.Core.Market.CorporateActions.SplitDetector.Find(adjusted));
    }

    [Fact]
    public async Task RawFilesAdjustedByASplitFileKeepTheirRawPricesToo()
    {
        var dir = TestPaths.NewTempDirectory("raw-split");
        await Write(dir, "AAPL.csv", "date,open,high,low,close,volume\n2020-08-28,504.05,505.77,498.31,499.23,46907500\n2020-08-31,127.58,131.00,126.00,129.04,225702700\n");
        var lake = new Lakehouse(new LocalLakeStorage(Path.Combine(dir, "lake")));
        await Import(lake, dir, new ImportOptions(Splits: [new StockSplit("AAPL", new DateTime(2020, 8, 31, 0, 0, 0, DateTimeKind.Utc), 4)]));

        var queries = new Project01.LakeTables.Queries.BarQueries(lake);
        Assert.Equal([499.23 / 4, 129.04], (await queries.GetBarsAsync("AAPL", ct: _ct)).Select(b => Math.Round(b.Close, 6)));
        Assert.Equal([499.23, 129.04], (await queries.GetBarsAsync("AAPL", ct: _ct, raw: true)).Select(b => Math.Round(b.Close, 6)));
    }

    [Fact]
    public async Task ACrashIsNotASplit()
    {
        var dir = TestPaths.NewTempDirectory("crash");
        // A 50 % fall that opened near the previous close (the close is split-like, the open is not).
        await Write(dir, "XYZ.csv", "date,open,high,low,close,volume\n2020-03-09,20.0,20.5,19.5,20.0,100\n2020-03-10,19.8,19.9,9.9,10.0,900\n");
        var summary = await Import(new Lakehouse(new LocalLakeStorage(Path.Combine(dir, "lake"))), dir, new ImportOptions());
        Assert.False(Assert.Single(summary.Series).HeldBack);
    }

    private async Task<ImportSummary> Import(Lakehouse lake, string dir, ImportOptions options) =>
        await new UniverseImport(new LakeImportTarget(lake), NullLogger<UniverseImport>.Instance).RunAsync(UniverseImport.FilesIn(dir), options, ct: _ct);

    private async Task Write(string dir, string name, string text) => await File.WriteAllTextAsync(Path.Combine(dir, name), text + "\n", _ct);

    // Daily and intraday bars together (they land in raw.bars and raw.intraday_bars).
    private async Task<List<Core.Market.Bar>> ReadBars(Lakehouse lake)
    {
        var batches = (await ReadAll(lake, LakeCatalog.Bars)).Concat(await ReadAll(lake, LakeCatalog.IntradayBars)).ToList();
        return batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => new Core.Market.Bar(b.Column<string>("symbol")[i],
            DateTime.SpecifyKind(b.Column<DateTime>("event_time")[i], DateTimeKind.Utc), b.Column<double>("open")[i], b.Column<double>("high")[i],
            b.Column<double>("low")[i], b.Column<double>("close")[i], b.Column<long>("volume")[i]))).ToList();
    }

    private async Task<List<(string Source, long Line, string Field, string Reason, string Payload)>> ReadRejects(Lakehouse lake) =>
        (await ReadAll(lake, LakeImportTarget.Rejects)).SelectMany(b => Enumerable.Range(0, b.Length).Select(i => (b.Column<string>("source")[i],
            b.Column<long>("line")[i], b.Column<string>("field")[i], b.Column<string>("reason")[i], b.Column<string>("payload")[i]))).ToList();

    private async Task<List<RecordBatch>> ReadAll(Lakehouse lake, TableName name)
    {
        var table = await lake.OpenTableAsync(name, _ct);
        var batches = new List<RecordBatch>();
        if (table is null) return batches;
        await foreach (var b in table.ReadAsync(await table.RefreshAsync(_ct), _ct)) batches.Add(b);
        return batches;
    }
}
