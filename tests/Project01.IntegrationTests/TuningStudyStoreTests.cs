using System.Text.Json;
using Project01.ModelRegistry.Tuning;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>Tuning studies in the registry: the store against a private database on the AppHost's Postgres, and
/// <c>p01 tune --db</c> recording every trial it runs.</summary>
[Collection(AppHostCollection.Name)]
public sealed class TuningStudyStoreTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task TrialsAreRecordedWithParametersStateAndScoreAndTheStudyWithItsBest()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var studies = new TuningStudyStore(store.Db);
        await studies.EnsureSchemaAsync(_ct);
        await studies.EnsureSchemaAsync(_ct); // idempotent, like every store's schema

        var study = await studies.CreateStudyAsync(new TuningStudyDraft("lightgbm", "vol5", "sp500.csv@sha256:00", "tpe", 1, 3, 5, "qlike"), _ct);
        var t0 = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        await studies.SaveTrialAsync(study.Id, new TuningTrial(1, "pruned", new Dictionary<string, string> { ["leaves"] = "63" }, 0.9, [0.9], t0, t0.AddSeconds(2)), _ct);
        await studies.SaveTrialAsync(study.Id, new TuningTrial(0, "complete", new Dictionary<string, string> { ["leaves"] = "7" }, 0.4, [0.5, 0.3], t0, t0.AddSeconds(5)), _ct);
        await studies.SaveTrialAsync(study.Id, new TuningTrial(2, "complete", new Dictionary<string, string> { ["leaves"] = "2" }, double.PositiveInfinity, [double.NaN, 1], t0, t0), _ct);
        await studies.SaveTrialAsync(study.Id, new TuningTrial(0, "complete", new Dictionary<string, string> { ["leaves"] = "9" }, 0.1, [0.1], t0, t0), _ct);
        await studies.FinishStudyAsync(study.Id, 0, _ct);

        var trials = await studies.ListTrialsAsync(study.Id, _ct);
        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        Assert.Equal(("complete", "7", 0.4), (trials[0].State, trials[0].Parameters["leaves"], trials[0].Score)); // the first record of trial 0 stays
        Assert.Equal([0.5, 0.3], trials[0].FoldLosses);
        Assert.Equal(("pruned", t0.AddSeconds(2)), (trials[1].State, trials[1].FinishedAt.ToUniversalTime()));
        Assert.Null(trials[2].Score); // an undefined score is no score
        var finished = (await studies.GetStudyAsync(study.Id, _ct))!;
        Assert.Equal((0, "qlike", "tpe"), (finished.BestTrial, finished.Loss, finished.Sampler));
        Assert.NotNull(finished.FinishedAt);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => studies.FinishStudyAsync(study.Id + 1000, 0, _ct));
    }

    [Fact]
    public async Task TuneRecordsEveryTrialItRuns()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var run = await P01.RunAsync("tune", "--input", TestPaths.BundledData("sp500-daily-2000-2020.csv"), "--model", "ridge", "--target", "vol5",
            "--trials", "6", "--folds", "3", "--train-end", "2013-12-31", "--valid-end", "2016-12-31", "--db", store.ConnectionString);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        var registry = result.GetProperty("registry");
        Assert.True(registry.GetProperty("recorded").GetBoolean());

        var studies = new TuningStudyStore(store.Db);
        var id = registry.GetProperty("study_id").GetInt64();
        var trials = await studies.ListTrialsAsync(id, _ct);
        Assert.Equal([0, 1, 2, 3, 4, 5], trials.Select(t => t.Number));
        var best = result.GetProperty("best");
        var stored = trials.Single(t => t.Number == best.GetProperty("number").GetInt32());
        Assert.Equal(best.GetProperty("cv_loss").GetDouble(), stored.Score!.Value, 12);
        Assert.Equal(best.GetProperty("params").GetProperty("alpha").GetString(), stored.Parameters["alpha"]);
        Assert.Equal(stored.Number, (await studies.GetStudyAsync(id, _ct))!.BestTrial);
    }
}
