using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Project01.Contracts;
using Project01.Tests;

namespace Project01.IntegrationTests.Pipelines;

/// <summary>The platform's retraining pipeline in the running AppHost: started from the CLI (a trigger in the shared Quartz
/// store, executed by the Training service) and from the API, every step recorded with what it did.</summary>
[Collection(AppHostCollection.Name)]
public sealed class RetrainingPipelineTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly string[] Steps = ["ingest", "features", "drift", "retrain", "evaluate", "promote"];

    /// <summary>Data in, features settled, both default models trained (so a run's retrain step finds nothing to wait for).</summary>
    private async Task SettledAsync(HttpClient training)
    {
        await fixture.WaitForForecastAsync(_ct);
        foreach (var model in new[] { "ret1-lightgbm", "vol5-auto" })
            await fixture.EventuallyAsync($"a champion for {model}", async ct =>
            {
                using var response = await training.GetAsync($"/v1/registry/models/{model}/aliases/champion", ct);
                return (response.IsSuccessStatusCode, 0, $"{(int)response.StatusCode}");
            }, _ct);
    }

    [Fact]
    public async Task ARunStartedFromTheCliIsExecutedByTheTrainingServiceStepByStep()
    {
        var training = fixture.Client("training");
        await SettledAsync(training);
        var pipelines = (await training.GetFromJsonAsync<PipelineDto[]>("/v1/pipelines", _ct))!;
        var retrain = Assert.Single(pipelines, p => p.Name == "retrain");
        Assert.Equal(Steps, retrain.Steps.Select(s => s.Name));
        Assert.Equal("0 0 2 * * ?", retrain.Schedule);
        Assert.NotNull(retrain.NextRunAt);

        var db = (await fixture.App.GetConnectionStringAsync("p01db", _ct))!;
        var run = await RunAsync(db);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("succeeded", root.GetProperty("state").GetString());
        Assert.Equal("manual", root.GetProperty("trigger").GetString());
        Assert.Equal("integration-test", root.GetProperty("requested_by").GetString());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(Steps, steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.Equal("succeeded", s.GetProperty("state").GetString()));
        var output = steps.ToDictionary(s => s.GetProperty("step").GetString()!, s => s.GetProperty("output").GetString()!);
        Assert.Contains("ticks fully consumed", output["ingest"]);
        Assert.Contains("price_v1:", output["features"]);
        Assert.Contains("ret1-lightgbm", output["retrain"]);
        Assert.Contains("vol5-auto", output["evaluate"]);
        Assert.Contains("ret1-lightgbm v", output["promote"]);

        // The same run through the API and the other verbs.
        var id = root.GetProperty("id").GetInt64();
        var viaApi = (await training.GetFromJsonAsync<PipelineRunDto>($"/v1/pipelines/runs/{id}", _ct))!;
        Assert.Equal(("succeeded", 6), (viaApi.State, viaApi.Steps.Count));
        var list = await P01.RunAsync("pipeline", "list", "--db", db, "--limit", "5");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal("id,pipeline,trigger,requested_by,state,created_at,finished_at,steps_succeeded,steps,alerts", list.Stdout.Split('\n')[0]);
        Assert.Contains($"\n{id},retrain,manual,integration-test,succeeded,", list.Stdout);
        var show = await P01.RunAsync("pipeline", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("\"state\":\"succeeded\"", show.Stdout);
    }

    [Fact]
    public async Task StartingARunThroughTheApiNeedsTheTrainScopeAndRecordsTheCaller()
    {
        await SettledAsync(fixture.Client("training"));
        using var anonymous = await fixture.AnonymousClient("training").PostAsync("/v1/pipelines/retrain/runs", null, _ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var unknown = await fixture.Client("training").PostAsync("/v1/pipelines/nightly/runs", null, _ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var (run, finished) = await RetrainingRuns.RunAsync(fixture, _ct);
        Assert.Equal(AppHostFixture.KeyClient, run.RequestedBy);
        Assert.True(finished.State == "succeeded", string.Join("; ", finished.Steps.Select(s => $"{s.Step} {s.State} {s.Error}")));
        Assert.Empty(finished.Alerts);
    }

    private static async Task<P01Result> RunAsync(string db)
    {
        // Another test may have a run going: the verb says so (exit 2) and is asked again.
        for (var attempt = 0; ; attempt++)
        {
            var result = await P01.RunAsync("pipeline", "run", "retrain", "--wait", "--by", "integration-test", "--db", db);
            if (result.ExitCode != 2 || attempt == 30) return result;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
