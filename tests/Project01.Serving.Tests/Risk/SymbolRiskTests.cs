using Microsoft.Extensions.Options;
using Npgsql;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.Risk;
using Project01.Risk.Returns;
using Project01.Serving.Risk;
using Project01.Tests;

namespace Project01.Serving.Tests.Risk;

public sealed class SymbolRiskTests : IAsyncDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _lakeRoot = TestPaths.NewTempDirectory("risk-lake");
    private readonly Lakehouse _lake;
    // The history is read from the lake only; the watermarks database is never touched, so this points nowhere.
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1;Pooling=false");
    private readonly RiskServingOptions _options = new() { Lookback = 1000, BacktestDays = 250, Paths = 2_000 };
    private readonly SymbolRisk _risk;

    public SymbolRiskTests()
    {
        _lake = new Lakehouse(new LocalLakeStorage(_lakeRoot));
        _risk = new SymbolRisk(new OfflineFeatureStore(_lake, _db), Options.Create(_options));
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_lakeRoot, recursive: true);
    }

    [Fact]
    public async Task FiguresComeFromTheSymbolsLatestClosesAndTheBacktestCoversItsLastDays()
    {
        var bars = BundledData.Sp500Bars().Take(1500).ToList(); // 2000-01-03 → 2005-12
        await WriteHistoryAsync(bars);

        var dto = (await _risk.GetAsync("SPX", _ct))!;

        Assert.Equal(bars[^1].Time, dto.AsOf);
        Assert.Equal(_options.Lookback, dto.Observations);
        // The same figures as the library on the same returns and seed: the service adds no arithmetic of its own.
        var returns = DatedReturns.FromCloses(bars).Values;
        var expected = RiskModel.Estimate(returns.AsSpan(returns.Length - _options.Lookback), new RiskOptions { Paths = _options.Paths });
        Assert.Equal(expected.Figures.Select(f => (f.Horizon, f.Level, f.ValueAtRisk, f.ExpectedShortfall)),
            dto.Figures.Select(f => (f.HorizonDays, f.Level, f.ValueAtRisk, f.ExpectedShortfall)));
        Assert.Equal(expected.NextVolatility, dto.NextVolatility);
        Assert.Equal((250, bars[^1].Time, bars[^250].Time), (dto.Backtest.Days, dto.Backtest.To, dto.Backtest.From));
        Assert.All(dto.Backtest.Levels, l => Assert.InRange(l.KupiecP, 0, 1));
        Assert.Equal([0.95, 0.99], dto.Backtest.Levels.Select(l => l.Level));
        Assert.Equal(250 * 0.05, dto.Backtest.Levels[0].Expected, 1e-9);

        Assert.Same(dto, await _risk.GetAsync("SPX", _ct)); // unchanged history: served from memory
    }

    [Fact]
    public async Task UnknownAndShortHistoriesAreToldApart()
    {
        Assert.Null(await _risk.GetAsync("NOPE", _ct));
        await WriteHistoryAsync(BundledData.Sp500Bars().Take(200).ToList());
        var e = await Assert.ThrowsAsync<InsufficientHistoryException>(() => _risk.GetAsync("SPX", _ct));
        Assert.Contains("SPX has 200 daily closes", e.Message);
    }

    private async Task WriteHistoryAsync(IReadOnlyList<Core.Market.Bar> bars)
    {
        var values = PriceFeatureEngine.ComputeBatch(bars.ToArray());
        var rows = bars.Select((b, i) => new FeatureRow(b.Symbol, b.Time, b.Time, values.AsSpan(i * PriceFeatures.Count, PriceFeatures.Count).ToArray())).ToList();
        var table = await _lake.GetOrCreateTableAsync(FeatureHistoryTable.Name(FeatureView.Price), FeatureHistoryTable.Schema(FeatureView.Price), FeatureHistoryTable.PartitionColumns, _ct);
        await table.AppendAsync(FeatureHistoryTable.ToBatch(FeatureView.Price, rows), null, _ct);
    }
}
