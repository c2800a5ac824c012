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
        var offline = new OfflineFeatureStore(new Project01.Lake.Lakehouse(new Project01.Lake.Storage.LocalLakeStorage(Project01.Tests.TestPaths.NewTempDirectory("fs-lake"))), store.Db);
        await offline.EnsureSchemaAsync(FeatureView.Price, _ct);
        var rows = Rows("TSTA", 120);

        Assert.Equal(100, await offline.AppendAsync(FeatureView.Price, rows.Take(100).ToList(), _ct));
        Assert.Equal(20, await offline.AppendAsync(FeatureView.Price, rows, _ct)); // overlapping replay: only the new 20
        Assert.Equal(0, await offline.AppendAsync(FeatureView.Price, rows, _ct));
        Assert.Equal(0, await offline.AppendAsync(FeatureView.Price, rows.Take(50).ToList(), _ct)); // late copies of stored rows

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
    public async Task AnOnlineRowReadsBackBitForBitPackedOrFieldByField()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var online = new OnlineFeatureStore(store.Redis);
        var symbol = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var row = Rows(symbol, 30)[29]; // still warming up: the 50- and 200-bar features are NaN
        Assert.Contains(row.Values, double.IsNaN);
        Assert.Equal(1, await online.WriteLatestAsync(FeatureView.Price, [row]));

        var packed = (await online.GetAsync(FeatureView.Price, [symbol]))[0]!;
        Assert.Equal(row.Values.Select(Bits), packed.Vector(FeatureView.Price.Features).Select(Bits));
        Assert.Equal(row.Values.Count(double.IsFinite), packed.Values.Count);

        // A hash without the packed row (as one written before rows were packed) is read field by field, to the same values.
        Assert.True(await store.Redis.GetDatabase().HashDeleteAsync(OnlineFeatureStore.Key(FeatureView.Price, symbol), PackedRow.Field));
        var fields = (await online.GetAsync(FeatureView.Price, [symbol, "NOSUCH" + symbol]))[0]!;
        Assert.Equal(row.Values.Select(Bits), fields.Vector(FeatureView.Price.Features).Select(Bits));
        Assert.Equal(packed.Values.OrderBy(v => v.Key, StringComparer.Ordinal), fields.Values.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal((packed.EventTime, packed.CreatedAt), (fields.EventTime, fields.CreatedAt));

        // NaN is whatever NaN the engine produced; every other value, bit for bit.
        static long Bits(double v) => double.IsNaN(v) ? -1 : BitConverter.DoubleToInt64Bits(v);
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

    private Task WaitForFeaturesAsync() => fixture.WaitForSpxFeaturesAsync(_ct);
}

[Collection(AppHostCollection.Name)]
public sealed class PointInTimeTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task LateArrivingValuesAreUsedFromTheirEventTimeOnAndTheLatestComputationWins()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var offline = new OfflineFeatureStore(new Project01.Lake.Lakehouse(new Project01.Lake.Storage.LocalLakeStorage(
            Project01.Tests.TestPaths.NewTempDirectory("pit-lake"))), store.Db);
        await offline.EnsureSchemaAsync(FeatureView.Price, _ct);
        var monday = new DateTime(2020, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        FeatureRow Row(DateTime t, double close, DateTime created) =>
            new("LATE", t, created, PriceFeatures.Names.Select(n => n == "close" ? close : double.NaN).ToArray());
        var close = PriceFeatures.IndexOf("close");
        var t0 = DateTime.UtcNow;

        // Monday and Wednesday arrive; Tuesday's bar is late.
        await offline.AppendAsync(FeatureView.Price, [Row(monday, 100, t0), Row(monday.AddDays(2), 102, t0)], _ct);
        var before = await offline.GetHistoricalFeaturesAsync(FeatureView.Price, [new EntityRow("LATE", monday.AddDays(1).AddHours(20))], _ct);
        Assert.Equal((monday, 100.0), (before[0].FeatureTime, before[0].Values[close]));

        // Incremental appends refuse it (it is before the stored watermark); a correction stores it.
        Assert.Equal(0, await offline.AppendAsync(FeatureView.Price, [Row(monday.AddDays(1), 101, t0.AddMinutes(1))], _ct));
        Assert.Equal(1, await offline.AppendAsync(FeatureView.Price, [Row(monday.AddDays(1), 101, t0.AddMinutes(1))], _ct, AppendMode.Corrections));
        // A corrected Wednesday supersedes the first computation of Wednesday.
        await offline.AppendAsync(FeatureView.Price, [Row(monday.AddDays(2), 102.5, t0.AddMinutes(2))], _ct, AppendMode.Corrections);

        var after = await offline.GetHistoricalFeaturesAsync(FeatureView.Price,
        [
            new EntityRow("LATE", monday.AddDays(1).AddHours(20)),
            new EntityRow("LATE", monday.AddDays(2)),
            new EntityRow("LATE", monday.AddDays(2).AddTicks(-1)),
            new EntityRow("LATE", monday.AddDays(7)), // beyond the 4-day TTL of Wednesday's value
        ], _ct);
        Assert.Equal((monday.AddDays(1), 101.0), (after[0].FeatureTime, after[0].Values[close]));
        Assert.Equal((monday.AddDays(2), 102.5), (after[1].FeatureTime, after[1].Values[close]));
        Assert.Equal(monday.AddDays(1), after[2].FeatureTime);
        Assert.Null(after[3].FeatureTime);
        Assert.True(double.IsNaN(after[3].Values[close]));
    }

    [Fact]
    public async Task TheHttpEndpointAnswersPointInTime()
    {
        var client = fixture.Client("features");
        await fixture.WaitForSpxFeaturesAsync(_ct);
        var request = new HistoricalFeaturesRequest(
        [
            new EntityRowDto("SPX", new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc)),
            new EntityRowDto("SPX", new DateTime(2020, 4, 19, 12, 0, 0, DateTimeKind.Utc)), // Sunday: Friday's values
            new EntityRowDto("SPX", new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc)), // before the data
        ], Features: ["close", "rsi14"]);
        using var response = await client.PostAsJsonAsync("/v1/features/historical", request, _ct);
        var body = await response.Content.ReadFromJsonAsync<HistoricalFeaturesResponse>(_ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["close", "rsi14"], body!.Features);
        Assert.Equal(2874.560059, body.Rows[0].Values["close"]);
        Assert.Equal(new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc), body.Rows[1].FeatureTime);
        Assert.Null(body.Rows[2].FeatureTime);

        using var bad = await client.PostAsJsonAsync("/v1/features/historical", request with { Features = ["nope"] }, _ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
