using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Json;
using Project01.Contracts;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>The HTTP the dashboard's workspace reads and acts through, on the running platform: importances, backtests,
/// alias moves, drift reports and consumer lag; plus <c>p01 drift</c> on the same database and lake.</summary>
[Collection(AppHostCollection.Name)]
public sealed class WorkspaceApiTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<ModelVersionDto> ChampionAsync()
    {
        await fixture.WaitForForecastAsync(_ct);
        var models = await fixture.Client("training").GetFromJsonAsync<ModelVersionDto[]>("/v1/registry/models?name=ret1-lightgbm", _ct);
        return models!.First(m => (m.Alias ?? "").Split(',').Contains("champion"));
    }

    [Fact]
    public async Task TrainedVersionsRecordPermutationImportancesOfTheirInputs()
    {
        var champion = await ChampionAsync();
        Assert.NotNull(champion.Importances);
        Assert.Equal(champion.Features.Order(), champion.Importances!.Keys.Order());
        // Shuffling inputs of a model that learned something must hurt on some of them.
        Assert.Contains(champion.Importances.Values, v => v > 0);
        Assert.Equal("price_v1", champion.Parameters!["feature_view"]);
    }

    [Fact]
    public async Task BacktestsRunStoreAndListThroughHttp()
    {
        var champion = await ChampionAsync();
        var client = fixture.Client("training");
        using var created = await client.PostAsJsonAsync("/v1/backtests", new BacktestRequest(champion.Name, champion.Version, "longflat", 5), _ct);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await created.Content.ReadAsStringAsync(_ct));
        var run = (await created.Content.ReadFromJsonAsync<BacktestDto>(_ct))!;
        Assert.Equal(run.Dates.Count, run.Equity.Count);
        Assert.True(run.Dates.Count > 50);
        Assert.NotNull(run.Summary.CreatedAt);
        // Monthly returns compound back to the total return.
        var compounded = run.MonthlyReturns.Aggregate(1.0, (e, m) => e * (1 + m.Return)) - 1;
        Assert.Equal(run.Equity[^1] - 1, compounded, 9);

        using var again = await client.PostAsJsonAsync("/v1/backtests", new BacktestRequest(champion.Name, champion.Version, "longflat:0", 5), _ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // same canonical strategy, same run id: stored already
        var list = await client.GetFromJsonAsync<BacktestSummaryDto[]>($"/v1/backtests?model={champion.Name}", _ct);
        Assert.Contains(list!, r => r.RunId == run.Summary.RunId);
        var fetched = await client.GetFromJsonAsync<BacktestDto>($"/v1/backtests/{run.Summary.RunId}", _ct);
        Assert.Equal(run.Equity, fetched!.Equity);

        using var bad = await client.PostAsJsonAsync("/v1/backtests", new BacktestRequest(champion.Name, champion.Version, "bogus"), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a strategy", await bad.Content.ReadAsStringAsync(_ct));
        using var missing = await client.GetAsync("/v1/backtests/bt-none", _ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AliasMovesThroughHttpAreRecordedWithTheirReasonAndTheCallersIdentity()
    {
        var champion = await ChampionAsync();
        var client = fixture.Client("training");
        // Re-pointing the champion at itself and rolling that back leaves what is served unchanged for the other tests.
        // The body claims someone else moved it: the history records the key's client instead.
        using var promote = await client.PostAsJsonAsync($"/v1/registry/models/{champion.Name}/aliases/champion",
            new { version = champion.Version, reason = "re-affirmed by the workspace test", by = "the-ceo" }, _ct);
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var moved = (await promote.Content.ReadFromJsonAsync<AliasEventDto>(_ct))!;
        Assert.Equal((champion.Version, champion.Version, AppHostFixture.KeyClient), (moved.Version, moved.PreviousVersion!.Value, moved.By));

        // A key that may act for people (the dashboard's) records the person it names, through itself.
        var delegating = fixture.AnonymousClient("training");
        delegating.DefaultRequestHeaders.Add("X-Api-Key", fixture.Credential("dashboard-api-key"));
        delegating.DefaultRequestHeaders.Add("X-On-Behalf-Of", "alice");
        using var rollback = await delegating.PostAsJsonAsync($"/v1/registry/models/{champion.Name}/aliases/champion/rollback",
            new AliasRollbackRequest("undo the test move"), _ct);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal("rollback: undo the test move", (await rollback.Content.ReadFromJsonAsync<AliasEventDto>(_ct))!.Reason);

        var history = await client.GetFromJsonAsync<AliasEventDto[]>($"/v1/registry/models/{champion.Name}/history", _ct);
        Assert.Equal(["alice via dashboard", AppHostFixture.KeyClient], history!.Take(2).Select(h => h.By));

        using var noReason = await client.PostAsJsonAsync($"/v1/registry/models/{champion.Name}/aliases/champion",
            new AliasChangeRequest(champion.Version, " "), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var noVersion = await client.PostAsJsonAsync($"/v1/registry/models/{champion.Name}/aliases/champion",
            new AliasChangeRequest(999, "typo"), _ct);
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
        Assert.Contains("has no version 999", await noVersion.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task TheChampionIsCheckedForDriftAndTheCliAgreesWithTheApi()
    {
        var champion = await ChampionAsync();
        var client = fixture.Client("training");
        var report = await fixture.EventuallyAsync("a drift report for the champion", async c =>
        {
            using var response = await client.GetAsync($"/v1/monitoring/drift/{champion.Name}", c);
            if (!response.IsSuccessStatusCode) return (false, null!, $"{(int)response.StatusCode}");
            var r = (await response.Content.ReadFromJsonAsync<DriftReportDto>(c))!;
            return (r.Version == champion.Version, r, $"v{r.Version}");
        }, _ct);
        // Judged on the inputs the champion actually uses: those whose shuffling changed its test error.
        var used = champion.Features.Where(f => champion.Importances is not { Count: > 0 } importances || importances.GetValueOrDefault(f) != 0).ToList();
        Assert.Equal(used, report.Features.Select(f => f.Feature));
        Assert.Equal(champion.Parameters!["train_end"], report.ReferenceEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.All(report.Features, f => Assert.NotEmpty(f.Windows));
        Assert.All(report.Features.SelectMany(f => f.Windows).Where(w => w.Level != "insufficient"), w =>
        {
            Assert.InRange(w.Psi!.Value, 0, 20);
            Assert.InRange(w.KsStatistic!.Value, 0, 1);
            Assert.True(w.Level != "alert" || w.WassersteinSd > w.AlertLevel, $"{w.Start:yyyy-MM}: W {w.WassersteinSd} vs {w.AlertLevel}");
        });
        Assert.NotEmpty(report.Dataset!);
        Assert.Equal(report.Dataset![^1].DatasetDrift, report.DatasetDrift);
        var summaries = await client.GetFromJsonAsync<DriftSummaryDto[]>("/v1/monitoring/drift", _ct);
        Assert.Contains(summaries!, s => s.Model == champion.Name);

        // The CLI computes the same analysis from the same lake and registry (data may have grown since: compare the reference).
        var db = (await fixture.App.GetConnectionStringAsync("p01db", _ct))!;
        var cli = await P01.RunAsync("drift", champion.Name, "--db", db, "--lake", Path.Combine(fixture.DataDir, "lake"));
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        var lines = cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("feature,window_start,window_end,count,psi,ks_statistic,ks_p_value,wasserstein_sd,jensen_shannon,missing_rate,out_of_range_rate,level", lines[0]);
        Assert.Equal(used.ToHashSet(), lines.Skip(1).Select(l => l.Split(',')[0]).ToHashSet());
        Assert.Contains($"checking {champion.Name} v{champion.Version}", cli.Stderr);

        // JSON, stored, and an exit code scripts can gate on: 3 exactly when a feature's latest month is an alert.
        var saved = await P01.RunAsync("drift", champion.Name, "--format", "json", "--save", "--fail-on-alert", "--db", db, "--lake", Path.Combine(fixture.DataDir, "lake"));
        using var json = System.Text.Json.JsonDocument.Parse(saved.Stdout);
        var analysis = json.RootElement.GetProperty("analysis");
        var alerting = analysis.GetProperty("features").EnumerateArray().Any(f =>
            f.GetProperty("windows").EnumerateArray().LastOrDefault(w => w.GetProperty("level").GetString() != "insufficient") is { ValueKind: System.Text.Json.JsonValueKind.Object } w
            && w.GetProperty("level").GetString() == "alert");
        Assert.Equal(alerting ? 3 : 0, saved.ExitCode);
        var stored = System.Text.RegularExpressions.Regex.Match(saved.Stderr, @"stored as drift report (\d+)");
        Assert.True(stored.Success, saved.Stderr);
        var latest = await client.GetFromJsonAsync<DriftReportDto>($"/v1/monitoring/drift/{champion.Name}", _ct);
        Assert.True(latest!.Id >= long.Parse(stored.Groups[1].Value, CultureInfo.InvariantCulture));

        // Forecast quality by month over the same version's test span: every stored outcome counted once.
        var performance = await client.GetFromJsonAsync<ModelPerformanceDto>($"/v1/monitoring/performance/{champion.Name}", _ct);
        Assert.Equal(champion.Version, performance!.Version);
        Assert.Equal((int)champion.Metrics["test_examples"], performance.Months.Sum(m => m.Count));
        Assert.All(performance.Months, m => Assert.InRange(m.HitRate!.Value, 0, 1));

        // Realised coverage from the interval bounds stored with the same test predictions: the recorded conformal metrics.
        var coverage = await client.GetFromJsonAsync<ModelCoverageDto>($"/v1/monitoring/coverage/{champion.Name}", _ct);
        Assert.True(coverage!.Available);
        foreach (var level in coverage.Levels)
        {
            Assert.Equal(champion.Metrics[$"test_aci{level.Nominal * 100:F0}_coverage"], level.Coverage!.Value, 9);
            Assert.Equal(level.Count, level.Months.Sum(m => m.Count));
            Assert.All(level.Months, m => Assert.Equal(Math.Abs(m.Coverage - level.Nominal) <= coverage.Tolerance + 1e-12, m.Holds));
        }

        using var unknown = await client.PostAsync("/v1/monitoring/drift/ret1-nothing", null, _ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var cliUnknown = await P01.RunAsync("drift", "ret1-nothing", "--db", db, "--lake", Path.Combine(fixture.DataDir, "lake"));
        Assert.NotEqual(0, cliUnknown.ExitCode);
        Assert.Contains("has no champion", cliUnknown.Stderr);
    }

    [Fact]
    public async Task ConsumerLagCoversThePlatformsGroups()
    {
        await fixture.WaitForSpxFeaturesAsync(_ct);
        var lag = await fixture.EventuallyAsync("the lake writer caught up on ticks", async c =>
        {
            var l = (await fixture.Client("ingest").GetFromJsonAsync<ConsumerLagDto[]>("/v1/kafka/lag", c))!;
            var ticks = l.FirstOrDefault(x => x is { Group: "lake-writer", Topic: "ticks" });
            return (ticks is { EndOffset: > 0, Lag: 0 }, l, string.Join("; ", l.Select(x => $"{x.Group}/{x.Topic} {x.Committed}/{x.EndOffset}")));
        }, _ct);
        Assert.Contains(lag, l => l is { Group: "features", Topic: "ticks", Partitions: 8 });
        Assert.Contains(lag, l => l is { Group: "features-nlp", Topic: "news" });
        Assert.All(lag, l => Assert.Equal(Math.Max(0, l.EndOffset - l.Committed), l.Lag));
    }
}
