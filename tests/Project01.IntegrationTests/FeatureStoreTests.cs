using System.Net.Http.Json;
using Project01.Contracts;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;

namespace Project01.IntegrationTests;

[Collection(AppHostCollection.Name)]
public sealed class FeatureStoreTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static List<FeatureRow> Rows(string symbol, int count)
    {
        var bars = BundledData.Sp500Bars().Take(count).Select(b => b with { Symbol = symbol }).ToArray();
        var values = PriceFeatureEngine.ComputeBatch(bars);
        var n = PriceFeatures.Count;
        return bars.Select((b, i) => new FeatureRow(symbol, b.Time, DateTime.UtcNow, values.AsSpan(i * n, n).ToArray())).ToList();
    }

    [Fact]
    public async Task OfflineAppendsAreIdempotentAndKeepWatermarks()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var offline = new OfflineFeatureStore(store.Db);
        await offline.EnsureSchemaAsync(FeatureView.Price, _ct);
        var rows = Rows("TSTA", 120);

        Assert.Equal(100, await offline.AppendAsync(FeatureView.Price, rows.Take(100).ToList(), _ct));
        Assert.Equal(20, await offline.AppendAsync(FeatureView.Price, rows, _ct)); // overlapping replay: only the new 20
        Assert.Equal(0, await offline.AppendAsync(FeatureView.Price, rows, _ct));

        var history = await offline.GetHistoryAsync(FeatureView.Price, "TSTA", ct: _ct);
        Assert.Equal(120, history.Count);
        Assert.Equal(rows.Select(r => r.EventTime), history.Select(h => h.EventTime));
        // NaN (warm-up) goes in as NULL and comes back as NaN; defined values come back bit for bit.
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal(rows[i].Values.Select(BitConverter.DoubleToInt64Bits), history[i].Values.Select(BitConverter.DoubleToInt64Bits));

        var watermark = Assert.Single(await offline.GetWatermarksAsync(FeatureView.Price, _ct));
        Assert.Equal(("TSTA", 120L, rows[^1].EventTime), (watermark.Symbol, watermark.Rows, watermark.LastEventTime));
    }

    [Fact]
    public async Task OnlineValuesNeverGoBackInTime()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var online = new OnlineFeatureStore(store.Redis);
        var symbol = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var rows = Rows(symbol, 60);

        Assert.Equal(1, await online.WriteLatestAsync(FeatureView.Price, [rows[50]]));
        Assert.Equal(0, await online.WriteLatestAsync(FeatureView.Price, [rows[40]])); // older: ignored
        var found = await online.GetAsync(FeatureView.Price, [symbol, "NOSUCH" + symbol]);

        Assert.NotNull(found[0]);
        Assert.Null(found[1]);
        Assert.Equal(rows[50].EventTime, found[0]!.EventTime);
        var close = PriceFeatures.IndexOf("close");
        Assert.Equal(rows[50].Values[close], found[0]!.Values["close"]);
        Assert.False(found[0]!.Values.ContainsKey("macd_signal") && double.IsNaN(found[0]!.Values["macd_signal"]));
    }

    [Fact]
    public async Task StreamedOfflineFeaturesEqualABatchRecomputationBitForBit()
    {
        // The running pipeline computed SPX from the lake backfill and/or the live stream; a batch run of the same
        // engine over the bundled file must give identical numbers (no training/serving skew).
        await WaitForFeaturesAsync();
        var history = await fixture.Client("features").GetFromJsonAsync<FeatureHistoryResponse>("/v1/features/history/SPX", _ct);
        var bars = BundledData.Sp500Bars().ToArray();
        var batch = PriceFeatureEngine.ComputeBatch(bars);
        var n = PriceFeatures.Count;

        Assert.Equal(bars.Length, history!.Rows.Count);
        for (var i = 0; i < bars.Length; i++)
        {
            Assert.Equal(bars[i].Time, history.Rows[i].EventTime);
            for (var k = 0; k < n; k++)
            {
                var expected = batch[i * n + k];
                var actual = history.Rows[i].Values[PriceFeatures.Names[k]];
                if (double.IsNaN(expected)) Assert.Null(actual);
                else Assert.True(actual == expected, $"{PriceFeatures.Names[k]} at {bars[i].Time:yyyy-MM-dd}: streamed {actual:R}, batch {expected:R}");
            }
        }

        var online = await fixture.Client("features").GetFromJsonAsync<OnlineFeaturesResponse>("/v1/features/online?symbols=SPX", _ct);
        var latest = Assert.Single(online!.Entities);
        Assert.Equal(history.Rows[^1].EventTime, latest.EventTime);
        Assert.Equal(history.Rows[^1].Values, latest.Values);
    }

    private async Task WaitForFeaturesAsync()
    {
        var client = fixture.Client("features");
        for (var i = 0; i < 240; i++)
        {
            var marks = await client.GetFromJsonAsync<FeatureWatermarkDto[]>("/v1/features/watermarks", _ct);
            if (marks!.Any(m => m.Symbol == "SPX" && m.Rows == 5105)) return;
            await Task.Delay(1000, _ct);
        }
        throw new TimeoutException("SPX features did not reach 5105 rows");
    }
}
