using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Tests;
using StackExchange.Redis;

namespace Project01.IntegrationTests;

[Collection(AppHostCollection.Name)]
public sealed class FeatureRegistryTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyCreatesThenRecordsUpdatesAndRefusesLayoutChanges()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var registry = new FeatureRegistry(store.Db);

        var first = await registry.ApplyAsync(FeatureView.All, "alice", dryRun: false, _ct);
        Assert.All(first, c => Assert.Equal(ViewChange.Created, c.Kind));
        Assert.All(await registry.ApplyAsync(FeatureView.All, "alice", dryRun: false, _ct), c => Assert.Equal(ViewChange.Unchanged, c.Kind));

        var longerTtl = FeatureView.Price with { Ttl = TimeSpan.FromDays(7) };
        var dry = await registry.ApplyAsync([longerTtl], "bob", dryRun: true, _ct);
        Assert.Equal(ViewChange.Updated, dry.Single(c => c.View == "price_v1").Kind);
        Assert.Equal(TimeSpan.FromDays(4), (await registry.ListAsync(_ct)).Single(v => v.Name == "price").Ttl); // dry run changed nothing

        var applied = await registry.ApplyAsync([longerTtl], "bob", dryRun: false, _ct);
        Assert.Equal(["ttl: '4.00:00:00' → '7.00:00:00'"], applied.Single(c => c.View == "price_v1").Differences);
        Assert.Contains(applied, c => c is { View: "macro_v1", Kind: ViewChange.NotInCode });
        var price = (await registry.ListAsync(_ct)).Single(v => v.Name == "price");
        Assert.Equal((TimeSpan.FromDays(7), "bob"), (price.Ttl, price.AppliedBy));

        var reshaped = FeatureView.Price with { Features = [.. PriceFeatures.Names, "extra"] };
        var refused = (await registry.ApplyAsync([reshaped], "carol", dryRun: false, _ct)).Single(c => c.View == "price_v1");
        Assert.Equal(ViewChange.Refused, refused.Kind);
        Assert.Contains("define price_v2 instead", refused.Differences[1]);
        Assert.Equal(PriceFeatures.Names, (await registry.ListAsync(_ct)).Single(v => v.Name == "price").Features);
    }

    [Fact]
    public async Task MacroValuesAreKnownOnlyAfterPublication()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var offline = new OfflineFeatureStore(new Project01.Lake.Lakehouse(new Project01.Lake.Storage.LocalLakeStorage(TestPaths.NewTempDirectory("macro-lake"))), store.Db);
        await offline.EnsureSchemaAsync(FeatureView.Macro, _ct);
        var observations = Project01.Ingestion.Replay.MacroReplay.Read(TimeSpan.FromDays(90), DateTime.UtcNow).Records
            .Select(r => new Project01.FeaturePipelines.MacroFeaturePipeline.Observation(r.SeriesId, r.ObservationDate, r.PublishedDate, r.Value));
        var rows = Project01.FeaturePipelines.MacroFeaturePipeline.Build(observations, DateTime.UtcNow);
        await offline.AppendAsync(FeatureView.Macro, rows, _ct);

        var tbill = Array.IndexOf(MacroFeatures.Names, "tbilrate");
        var q4End = new DateTime(2008, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var lookups = await offline.GetHistoricalFeaturesAsync(FeatureView.Macro,
            [new EntityRow("US", q4End), new EntityRow("US", q4End.AddDays(91))], _ct);
        // On Q4's last day Q4 itself is not public: the latest release is Q3 2008, published 90 days after 2008-09-30.
        Assert.Equal(new DateTime(2008, 12, 29, 0, 0, 0, DateTimeKind.Utc), lookups[0].FeatureTime);
        Assert.Equal(1.17, lookups[0].Values[tbill]); // Q3 2008's 3-month bill rate, published 2008-12-29
        Assert.Equal(0.12, lookups[1].Values[tbill]); // Q4 2008, published 2009-03-31
        Assert.True(double.IsFinite(lookups[1].Values[Array.IndexOf(MacroFeatures.Names, "realgdp_growth")]));
    }
}

[Collection(AppHostCollection.Name)]
public sealed class FeatureCommandsTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyPrintsTheChangesAndMaterializeFillsTheOnlineStore()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var db = store.ConnectionString;
        var redis = (await fixture.App.GetConnectionStringAsync("online-store", _ct))!;
        var lake = TestPaths.NewTempDirectory("cli-features-lake");

        var apply = await P01.RunAsync("features", "apply", "--db", db, "--by", "ci");
        Assert.True(apply.ExitCode == 0, apply.Stderr);
        var changes = JsonDocument.Parse(apply.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("view").GetString() == "price_v1" && c.GetProperty("change").GetString() == "created");

        // Offline history for a symbol nobody else uses, then materialize a window that ends before its last day.
        var symbol = "MAT" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var bars = BundledData.Sp500Bars().Take(60).Select(b => b with { Symbol = symbol }).ToArray();
        var values = PriceFeatureEngine.ComputeBatch(bars);
        var n = PriceFeatures.Count;
        var offline = new OfflineFeatureStore(new Project01.Lake.Lakehouse(new Project01.Lake.Storage.LocalLakeStorage(lake)), store.Db);
        await offline.EnsureSchemaAsync(FeatureView.Price, _ct);
        await offline.AppendAsync(FeatureView.Price, bars.Select((b, i) => new FeatureRow(symbol, b.Time, DateTime.UtcNow, values.AsSpan(i * n, n).ToArray())).ToList(), _ct);

        var materialize = await P01.RunAsync("features", "materialize", "--from", "2000-01-01", "--to", bars[49].Time.ToString("yyyy-MM-dd"),
            "--db", db, "--lake", lake, "--redis", redis);
        Assert.True(materialize.ExitCode == 0, materialize.Stderr);
        Assert.Equal(1, JsonDocument.Parse(materialize.Stdout).RootElement.GetProperty("written").GetInt32());

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var online = await new Project01.FeatureStore.Online.OnlineFeatureStore(connection).GetAsync(FeatureView.Price, [symbol]);
        Assert.Equal(bars[49].Time, online[0]!.EventTime);
        Assert.Equal(values[49 * n + PriceFeatures.IndexOf("sma20")], online[0]!.Values["sma20"]);
    }
}
