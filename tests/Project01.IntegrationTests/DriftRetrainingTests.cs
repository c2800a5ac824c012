using System.Net.Http.Json;
using Project01.Contracts;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining;
using Project01.ModelTraining.Decay;
using Project01.ModelTraining.Jobs;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.Naive;
using Project01.Modeling.Onnx;
using Project01.Monitoring.Drift;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>Drift acted on: a champion trained on calm years sees the 2008 crisis arrive in the feature store; its drift
/// check finds dataset drift and queues a retrain on the new data, once.</summary>
[Collection(AppHostCollection.Name)]
public sealed class DriftRetrainingTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static DateTime D(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A database of its own with an offline store on a fresh lake, the model registry and the job queue.</summary>
    private async Task<(StoreTestDatabase, OfflineFeatureStore, ModelRegistryStore, TrainingJobQueue)> StoresAsync(string lake)
    {
        var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var lakeRoot = TestPaths.NewTempDirectory(lake);
        var offline = new OfflineFeatureStore(new Lakehouse(new LocalLakeStorage(lakeRoot)), store.Db);
        await offline.EnsureSchemaAsync(FeatureView.Price, _ct);
        var registry = new ModelRegistryStore(store.Db, new ModelArtifacts(lakeRoot));
        await registry.EnsureSchemaAsync(_ct);
        var queue = new TrainingJobQueue(store.Db);
        await queue.EnsureSchemaAsync(_ct);
        return (store, offline, registry, queue);
    }

    /// <summary>The S&amp;P 500's real daily features, as the feature engine computes them, to replay into the store.</summary>
    private static List<FeatureRow> Sp500Rows()
    {
        var bars = BundledData.Sp500Bars().ToArray();
        var values = PriceFeatureEngine.ComputeBatch(bars);
        return [.. bars.Select((b, i) => new FeatureRow(b.Symbol, b.Time, DateTime.UtcNow, values.AsSpan(i * PriceFeatures.Count, PriceFeatures.Count).ToArray()))];
    }

    [Fact]
    public async Task AnInjectedRegimeChangeIsDatasetDriftAndQueuesOneRetrain()
    {
        var (store, offline, registry, queue) = await StoresAsync("drift-lake");
        await using var _ = store;
        var reports = new DriftReportStore(store.Db);
        await reports.EnsureSchemaAsync(_ct);
        var monitor = new DriftMonitor(offline, registry, reports);
        var retraining = new DriftRetraining(offline, registry, queue);

        // The S&P 500's real features, replayed up to the end of 2006: the years 2000–2005 trained a HAR-RV champion.
        var rows = Sp500Rows();
        await offline.AppendAsync(FeatureView.Price, [.. rows.Where(r => r.EventTime <= D(2006, 12, 31))], _ct);
        var inputs = ForecastTrainingJob.Inputs(ForecastTarget.Vol5);
        var datasetId = DatasetIdentity.Compute(FeatureView.Price.Key, await offline.GetWatermarksAsync(FeatureView.Price, _ct), "vol5", inputs);
        var champion = await registry.RegisterAsync(new ModelVersionDraft("vol5-har", "vol5", "har", inputs, new Dictionary<string, double>(),
            new Dictionary<string, string> { ["feature_view"] = FeatureView.Price.Key, ["train_end"] = "2005-12-31", ["validation_end"] = "2006-06-30" },
            datasetId, [1, 2, 3], -0.01, 0.01, 0.8, inputs.ToDictionary(i => i, i => ModelInputs.Har.Contains(i) ? 1e-4 : 0.0)), _ct);
        await registry.SetAliasAsync("vol5-har", Aliases.Champion, champion.Version, "tests", "trained on 2000–2005", _ct);

        // Calm second half of 2006: nothing to act on.
        var calm = (await monitor.RunAsync(champion, _ct)).Analysis;
        Assert.Equal(["rvol1", "rvol5", "rvol22"], calm.Features.Select(f => f.Feature)); // the inputs HAR uses, not the eleven it ignores
        Assert.False(calm.DatasetDrifted, string.Join("; ", calm.Dataset.Select(w => $"{w.Start:yyyy-MM} {w.Drifted}/{w.Judged}")));
        Assert.Equal("no dataset drift", (await retraining.OnReportAsync("vol5-har", calm, _ct)).Why);

        // The regime change arrives: 2007 and the 2008 crisis.
        await offline.AppendAsync(FeatureView.Price, [.. rows.Where(r => r.EventTime > D(2006, 12, 31) && r.EventTime <= D(2008, 12, 31))], _ct);
        var crisis = (await monitor.RunAsync(champion, _ct)).Analysis;
        var latest = crisis.Dataset[^1];
        Assert.Equal(D(2008, 10, 1), latest.Start);
        Assert.True(crisis.DatasetDrifted, $"{latest.Drifted} of {latest.Judged}");

        var decision = await retraining.OnReportAsync("vol5-har", crisis, _ct);
        Assert.NotNull(decision.Job);
        Assert.Equal(("vol5-har", "vol5", "queued"), (decision.Job.Model, decision.Job.Target, decision.Job.State));
        Assert.StartsWith("dataset drift in the window from 2008-10-01:", decision.Job.Reason);
        Assert.NotEqual(datasetId, decision.Job.DatasetId); // the new data, not the data the champion saw
        Assert.Null((await retraining.OnReportAsync("vol5-har", crisis, _ct)).Job); // once
    }

    /// <summary>The served champion's decay check over HTTP, as the Drift page reads it: judged on the newest 126 days
    /// after its validation span, against the naive forecast, with the test's numbers.</summary>
    [Fact]
    public async Task TheChampionsDecayCheckIsServedWithItsEvidence()
    {
        var forecast = await fixture.WaitForForecastAsync(_ct);
        var training = fixture.Client("training");
        var check = (await training.GetFromJsonAsync<DecayCheckDto>($"/v1/monitoring/decay/{forecast.Model}", _ct))!;

        Assert.Equal((forecast.Model, "squared_error"), (check.Model, check.Metric));
        Assert.Equal(PerformanceDecay.WindowDays, check.Days);
        Assert.InRange(check.PValue!.Value, 0, 1);
        Assert.True(check.ModelLoss > 0 && check.NaiveLoss > 0, check.Summary);
        // The newest bar with an outcome: the one before the newest bar.
        Assert.InRange(check.WindowEnd!.Value, forecast.FeatureTime.AddDays(-5), forecast.FeatureTime.AddTicks(-1));
        Assert.Contains($"v{check.Version}", check.Summary);
        Assert.Equal(check.Decayed, check.Summary.StartsWith("realised performance decay", StringComparison.Ordinal));

        using var missing = await training.GetAsync("/v1/monitoring/decay/no-such-model", _ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Realised performance decay: a champion still forecasting the calm years' average volatility meets the
    /// 2008 crisis; on the newest half-year the naive forecast beats it (QLIKE, Diebold–Mariano at 5 %) and a retrain is
    /// queued, once. A champion that is the naive forecast has not decayed, however the market moved.</summary>
    [Fact]
    public async Task RealisedPerformanceDecayQueuesOneRetrainAndTheNaiveForecastHasNotDecayed()
    {
        var (store, offline, registry, queue) = await StoresAsync("decay-lake");
        await using var _ = store;
        var decay = new PerformanceDecay(offline, registry);
        var retraining = new DriftRetraining(offline, registry, queue);

        // The champions were trained on the data up to 2006; 2007 and 2008 arrive after them.
        var rows = Sp500Rows();
        await offline.AppendAsync(FeatureView.Price, [.. rows.Where(r => r.EventTime <= D(2006, 12, 31))], _ct);
        var inputs = ForecastTrainingJob.Inputs(ForecastTarget.Vol5);
        var datasetId = DatasetIdentity.Compute(FeatureView.Price.Key, await offline.GetWatermarksAsync(FeatureView.Price, _ct), "vol5", inputs);
        var calmYears = DatasetBuilder.Build(rows.Select(r => new FeatureObservation(r.Symbol, r.EventTime, r.Values)), PriceFeatures.Names, ForecastTarget.Vol5, inputs)
            .Examples.Where(e => e.TargetTime <= D(2005, 12, 31)).Average(e => e.Label);

        async Task<ModelVersion> Champion(string name, string algorithm, byte[] onnx)
        {
            var version = await registry.RegisterAsync(new ModelVersionDraft(name, "vol5", algorithm, inputs, new Dictionary<string, double>(),
                new Dictionary<string, string> { ["feature_view"] = FeatureView.Price.Key, ["train_end"] = "2005-12-31", ["validation_end"] = "2006-06-30" },
                datasetId, onnx, -0.01, 0.01, 0.8), _ct);
            await registry.SetAliasAsync(name, Aliases.Champion, version.Version, "tests", "trained on 2000–2005", _ct);
            return version;
        }
        var stale = await Champion("vol5-ridge", "ridge", LinearOnnx.Write(new double[inputs.Count], calmYears, new Dictionary<string, string>()));
        var naive = await Champion("vol5-naive", "naive",
            new NaiveForecaster(NaiveConfig.For(ForecastTarget.Vol5), inputs.ToList().IndexOf("rvol5"), inputs.Count).ToOnnx());

        await offline.AppendAsync(FeatureView.Price, [.. rows.Where(r => r.EventTime > D(2006, 12, 31) && r.EventTime <= D(2008, 12, 31))], _ct);

        var decayed = await decay.CheckAsync(stale, _ct);
        Assert.True(decayed.Decayed, decayed.Describe());
        Assert.Equal("qlike", decayed.Evidence.Metric);
        Assert.Equal(PerformanceDecay.WindowDays, decayed.Evidence.Test!.Periods); // the newest half-year of trading days
        Assert.True(decayed.Evidence.WindowStart > D(2008, 6, 1) && decayed.Evidence.WindowEnd >= D(2008, 12, 1), decayed.Describe());
        Assert.True(decayed.Evidence.ChampionLoss > decayed.Evidence.ChallengerLoss, decayed.Describe());

        var decision = await retraining.OnDecayAsync(decayed, _ct);
        Assert.NotNull(decision.Job);
        Assert.Equal(("vol5-ridge", "vol5", "queued"), (decision.Job.Model, decision.Job.Target, decision.Job.State));
        Assert.StartsWith("realised performance decay: the naive forecast beats v1: qlike ", decision.Job.Reason);
        Assert.Equal("performance decay; a retrain on this data is already queued", (await retraining.OnDecayAsync(decayed, _ct)).Why); // once

        var holds = await decay.CheckAsync(naive, _ct);
        Assert.False(holds.Decayed, holds.Describe());
        Assert.StartsWith("v1 holds up against the naive forecast: qlike ", holds.Describe());
        Assert.Equal("no performance decay", (await retraining.OnDecayAsync(holds, _ct)).Why);
    }
}
