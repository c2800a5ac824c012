using Npgsql;
using Project01.Core.Features;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.Serving.Forecasting;
using Project01.Tests;

namespace Project01.Serving.Tests;

public sealed class InputAssemblerTests : IAsyncDisposable
{
    private static readonly FeatureView View = FeatureView.Price;
    private static readonly DateTime Created = new(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _lakeRoot = TestPaths.NewTempDirectory("serving-lake");
    private readonly Lakehouse _lake;
    // Derived inputs read history from the lake only; the watermarks database is never touched, so this points nowhere.
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1;Pooling=false");
    private readonly InputAssembler _assembler;

    public InputAssemblerTests()
    {
        _lake = new Lakehouse(new LocalLakeStorage(_lakeRoot));
        _assembler = new InputAssembler(new OfflineFeatureStore(_lake, _db));
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_lakeRoot, recursive: true);
    }

    // ---- CanServe / NeedsHistory

    [Fact]
    public void ViewAndPerSymbolInputsCanBeServed()
    {
        Assert.True(InputAssembler.CanServe(["close", "rsi14", "rvol1", "rvol5", "rvol22", "mom20", "mom120", "tr_pct"], out var reason));
        Assert.Null(reason);
        Assert.True(InputAssembler.CanServe([], out reason));
        Assert.Null(reason);
    }

    [Fact]
    public void CrossSectionalInputsCannotBeServedPerSymbolAndTheReasonNamesThem()
    {
        Assert.False(InputAssembler.CanServe(["close", "xs_rank_mom20", "rvol5", "xs_z_rsi14"], out var reason));
        Assert.Equal("cross-sectional inputs (xs_rank_mom20, xs_z_rsi14) need the whole universe per date", reason);
    }

    [Theory]
    [InlineData(false, "close", "rsi14", "rv20")]
    [InlineData(false)]
    [InlineData(true, "close", "rvol5")]
    [InlineData(true, "mom20")]
    [InlineData(true, "tr_pct", "close")]
    public void OnlyInputsBeyondThePriceViewNeedHistory(bool needs, params string[] inputs) =>
        Assert.Equal(needs, InputAssembler.NeedsHistory(inputs));

    // ---- AssembleAsync

    [Fact]
    public async Task ViewInputsComeFromTheOnlineRowInInputOrderWithNaNWhereAbsent()
    {
        var online = Online("AAA", Day(0), ("close", 101.5), ("rsi14", 55), ("logret", -0.01));

        var vector = await _assembler.AssembleAsync(["rsi14", "close", "atr14", "logret"], online, _ct);

        Assert.Equal([55, 101.5, double.NaN, -0.01], vector);
    }

    [Fact]
    public async Task DerivedInputsAreComputedFromTheSymbolsHistoryUpToTheOnlineRow()
    {
        var (closes, returns, ranges) = Series(40, seed: 1);
        await WriteHistoryAsync(Rows("AAA", closes, returns, ranges));
        var last = closes.Length - 1;
        var online = Online("AAA", Day(last), ("close", closes[last]), ("rsi14", 61));

        var vector = await _assembler.AssembleAsync(["rsi14", "mom20", "close", "rvol5", "tr_pct", "rvol22", "rvol1"], online, _ct);

        // rvolD = sqrt(5/D · Σ of the last D squared log returns); momN = ln(close_t / close_t−N); tr_pct = tr / close.
        double Rvol(int d) => Math.Sqrt(5.0 / d * returns[(last - d + 1)..(last + 1)].Sum(r => r * r));
        double[] expected = [61, Math.Log(closes[last] / closes[last - 20]), closes[last], Rvol(5), ranges[last] / closes[last], Rvol(22), Rvol(1)];
        Assert.Equal(expected.Length, vector.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], vector[i], 12);
    }

    [Fact]
    public async Task TheHistoryWindowCoversMom120OverWeekends()
    {
        var (closes, returns, ranges) = Series(125, seed: 2);
        await WriteHistoryAsync(Rows("AAA", closes, returns, ranges));
        var last = closes.Length - 1;

        var vector = await _assembler.AssembleAsync(["mom120"], Online("AAA", Day(last), ("close", closes[last])), _ct);

        Assert.Equal(Math.Log(closes[last] / closes[last - 120]), vector[0], 12);
    }

    [Fact]
    public async Task WarmUpLeavesDerivedInputsNaN()
    {
        var (closes, returns, ranges) = Series(10, seed: 3);
        await WriteHistoryAsync(Rows("AAA", closes, returns, ranges));

        var vector = await _assembler.AssembleAsync(["mom20", "rvol22", "rvol5"], Online("AAA", Day(9), ("close", closes[9])), _ct);

        Assert.True(double.IsNaN(vector[0]));
        Assert.True(double.IsNaN(vector[1]));
        Assert.True(double.IsFinite(vector[2]));
    }

    [Fact]
    public async Task WithoutHistoryDerivedInputsAreNaNAndViewInputsStay()
    {
        var vector = await _assembler.AssembleAsync(["close", "rvol5"], Online("AAA", Day(0), ("close", 100)), _ct);

        Assert.Equal(100, vector[0]);
        Assert.True(double.IsNaN(vector[1]));
    }

    [Fact]
    public async Task HistoryThatDoesNotEndAtTheOnlineRowDescribesAnotherBarAndIsNotUsed()
    {
        var (closes, returns, ranges) = Series(30, seed: 4);
        await WriteHistoryAsync(Rows("AAA", closes, returns, ranges));

        // The online row is one bar newer than the stored history.
        var vector = await _assembler.AssembleAsync(["close", "mom20"], Online("AAA", Day(30), ("close", 123)), _ct);

        Assert.Equal(123, vector[0]);
        Assert.True(double.IsNaN(vector[1]));
    }

    [Fact]
    public async Task EachSymbolUsesOnlyItsOwnHistory()
    {
        var a = Series(30, seed: 5);
        var b = Series(30, seed: 6);
        await WriteHistoryAsync([.. Rows("AAA", a.Closes, a.Returns, a.Ranges), .. Rows("BBB", b.Closes, b.Returns, b.Ranges)]);

        var vector = await _assembler.AssembleAsync(["mom20"], Online("BBB", Day(29), ("close", b.Closes[29])), _ct);

        Assert.Equal(Math.Log(b.Closes[29] / b.Closes[9]), vector[0], 12);
        Assert.NotEqual(Math.Log(a.Closes[29] / a.Closes[9]), vector[0], 6);
    }

    [Fact]
    public async Task HistoryIsReadOncePerBarUnlessANewDerivedInputIsAskedFor()
    {
        var (closes, returns, ranges) = Series(30, seed: 7);
        await WriteHistoryAsync(Rows("AAA", closes, returns, ranges));
        var online = Online("AAA", Day(29), ("close", closes[29]));
        var before = (await _assembler.AssembleAsync(["mom20"], online, _ct))[0];

        // A corrected close for an old bar: the cached bar keeps its values until an input it lacks is asked for.
        var corrected = closes.ToArray();
        corrected[9] *= 2;
        await WriteHistoryAsync([Rows("AAA", corrected, returns, ranges, Created.AddDays(1))[9]]);

        Assert.Equal(before, (await _assembler.AssembleAsync(["mom20"], online, _ct))[0]);
        var reread = await _assembler.AssembleAsync(["mom20", "rvol5"], online, _ct);
        Assert.Equal(Math.Log(closes[29] / corrected[9]), reread[0], 12);
        Assert.NotEqual(before, reread[0], 6);
    }

    // ---- helpers

    /// <summary>The i-th trading day (weekdays from Monday 2024-01-01).</summary>
    private static DateTime Day(int i)
    {
        var day = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var k = 0; k < i; k++)
            do day = day.AddDays(1); while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return day;
    }

    /// <summary>Closes from seeded log returns (NaN before the first), and true ranges.</summary>
    private static (double[] Closes, double[] Returns, double[] Ranges) Series(int n, int seed)
    {
        var random = new Random(seed);
        var (closes, returns, ranges) = (new double[n], new double[n], new double[n]);
        closes[0] = 100;
        returns[0] = double.NaN;
        ranges[0] = 1;
        for (var i = 1; i < n; i++)
        {
            returns[i] = 0.02 * (random.NextDouble() - 0.5);
            closes[i] = closes[i - 1] * Math.Exp(returns[i]);
            ranges[i] = 0.5 + random.NextDouble();
        }
        return (closes, returns, ranges);
    }

    private static List<FeatureRow> Rows(string symbol, double[] closes, double[] returns, double[] ranges, DateTime? created = null) =>
        [.. closes.Select((_, i) =>
        {
            var values = Enumerable.Repeat(double.NaN, View.Features.Count).ToArray();
            values[PriceFeatures.IndexOf("close")] = closes[i];
            values[PriceFeatures.IndexOf("logret")] = returns[i];
            values[PriceFeatures.IndexOf("tr")] = ranges[i];
            return new FeatureRow(symbol, Day(i), created ?? Created, values);
        })];

    private static OnlineFeatures Online(string symbol, DateTime eventTime, params (string Name, double Value)[] values) =>
        new(symbol, eventTime, Created, values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    private async Task WriteHistoryAsync(IReadOnlyList<FeatureRow> rows)
    {
        var table = await _lake.GetOrCreateTableAsync(FeatureHistoryTable.Name(View), FeatureHistoryTable.Schema(View), FeatureHistoryTable.PartitionColumns, _ct);
        await table.AppendAsync(FeatureHistoryTable.ToBatch(View, rows), null, _ct);
    }
}
