using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Project01.Contracts;

namespace Project01.IntegrationTests;

/// <summary>
/// Faults with the real processes of the shared AppHost: a training worker killed with SIGKILL in the middle of a job,
/// and PostgreSQL and Redis stopped and started again. The services stay up, say what is wrong, and catch up on their
/// own; what was accepted is finished exactly once. Each test ends with the platform answering again, so the tests that
/// follow it in the suite see a healthy AppHost.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FaultToleranceTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATrainingJobWhoseWorkerIsKilledIsClaimedAgainAndFinishesOnce()
    {
        await fixture.WaitForForecastAsync(_ct);
        var training = fixture.Client("training");
        using var queued = await training.PostAsJsonAsync("/v1/training/jobs", new { target = "ret1", algorithm = "lightgbm", reason = "fault test: killed mid-run" }, _ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.Content.ReadFromJsonAsync<TrainingJobDto>(_ct))!;
        Assert.Equal(AppHostFixture.KeyClient, job.RequestedBy);

        // A second manual request for the same model while the first waits or runs is refused, not trained twice.
        using var again = await training.PostAsJsonAsync("/v1/training/jobs", new { target = "ret1", algorithm = "lightgbm" }, _ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var pid = await PidAsync("training");
        await UntilAsync("the job to be running", async () => (await JobAsync(training, job.Id)).State == "running", TimeSpan.FromMinutes(3), poll: 50);
        // SIGKILL to the service and the launcher above it: no shutdown code runs, the job's lease is left to run out.
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        using (var stopped = Within(TimeSpan.FromMinutes(1)))
            await fixture.App.ResourceNotifications.WaitForResourceAsync("training", e => e.Snapshot.State?.Text is not ("Running" or "Starting"), stopped.Token);

        await CommandAsync("training", KnownResourceCommands.StartCommand);
        using (var started = Within(TimeSpan.FromMinutes(3)))
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("training", started.Token);
        Assert.NotEqual(pid, await PidAsync("training"));

        // Claimed again once the dead worker's lease ran out, and trained to the end by the new one.
        training = fixture.Client("training");
        var done = await UntilAsync("the job to finish", async () => await JobAsync(training, job.Id) is { State: "succeeded" or "failed" or "dead" } j ? j : null,
            TimeSpan.FromMinutes(5));
        Assert.Equal(("succeeded", 2), (done.State, done.Attempts));
        Assert.NotNull(done.ModelVersion);
        using var version = await training.GetAsync($"/v1/registry/models/ret1-lightgbm/versions/{done.ModelVersion}", _ct);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        await SettledAsync();
    }

    [Fact]
    public async Task IngestFeaturesAndInferenceKilledAndRestartedKeepTheLakeExactAndServeAgain()
    {
        await fixture.WaitForSpxFeaturesAsync(_ct);
        await fixture.WaitForForecastAsync(_ct);
        var services = new[] { "ingest", "features", "inference" };
        var pids = new Dictionary<string, int>();
        foreach (var service in services) pids[service] = await PidAsync(service);
        foreach (var service in services) Process.GetProcessById(pids[service]).Kill(entireProcessTree: true);
        foreach (var service in services)
        {
            using var stopped = Within(TimeSpan.FromMinutes(1));
            await fixture.App.ResourceNotifications.WaitForResourceAsync(service, e => e.Snapshot.State?.Text is not ("Running" or "Starting"), stopped.Token);
        }
        foreach (var service in services) await CommandAsync(service, KnownResourceCommands.StartCommand);
        foreach (var service in services)
        {
            using var started = Within(TimeSpan.FromMinutes(3));
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(service, started.Token);
            Assert.NotEqual(pids[service], await PidAsync(service));
        }

        // The lake holds every bundled record exactly once: the restarted writer resumed from its committed offsets, and
        // the start-up replay saw the datasets already landed.
        var counts = await UntilAsync("the lake to answer", async () =>
        {
            using var response = await fixture.Client("ingest").PostAsJsonAsync("/v1/lake/sql", new SqlRequest(
                "SELECT count(*), count(DISTINCT event_time) FROM raw.bars WHERE symbol = 'SPX'"), _ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<SqlResponse>(_ct) : null;
        }, TimeSpan.FromMinutes(2));
        Assert.Equal([5105L, 5105L], counts.Rows[0].Select(v => ((JsonElement)v!).GetInt64()));

        // The online store converges to the offline values, and forecasts are served again.
        var online = await UntilAsync("SPX online after the restart", async () =>
        {
            using var response = await fixture.Client("features").GetAsync("/v1/features/online?symbols=SPX&view=price_v1", _ct);
            return response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<OnlineFeaturesResponse>(_ct) is { Entities.Count: 1 } r ? r.Entities[0] : null;
        }, TimeSpan.FromMinutes(3));
        var history = (await fixture.Client("features").GetFromJsonAsync<FeatureHistoryResponse>("/v1/features/history/SPX", _ct))!;
        Assert.Equal((history.Rows[^1].EventTime, history.Rows[^1].Values["rsi14"]), (online.EventTime, online.Values["rsi14"]));
        await SteadyAsync("forecasts after the restart", () => fixture.Client("inference").GetAsync("/v1/forecast/SPX", _ct));
        await SettledAsync();
    }

    /// <summary>What the dashboard's pages read answers steadily again, so the tests after this one see a healthy platform
    /// (the dashboard's circuit breakers close again after a few good calls).</summary>
    private async Task SettledAsync()
    {
        await SteadyAsync("feature history", () => fixture.Client("features").GetAsync("/v1/features/history/SPX?from=2020-01-01", _ct));
        await SteadyAsync("bars", () => fixture.Client("ingest").GetAsync("/v1/bars/SPX?last=100", _ct));
        await SteadyAsync("symbols", () => fixture.Client("ingest").GetAsync("/v1/symbols", _ct));
        await SteadyAsync("registry", () => fixture.Client("training").GetAsync("/v1/registry/models", _ct));
        // The dashboard's own clients opened their circuit breakers while services were down: wait for a page that
        // reads them all to render without a service error.
        using var dashboard = await fixture.DashboardClientAsync(_ct);
        await UntilAsync("the dashboard's markets page to read every service", async () =>
        {
            var html = await dashboard.GetStringAsync("/markets/SPX", _ct);
            return !html.Contains("service unavailable", StringComparison.Ordinal) && !html.Contains("service unreachable", StringComparison.Ordinal)
                && !html.Contains("did not answer", StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(2), poll: 2000);
    }

    [Fact]
    public async Task PostgresAndRedisGoAwayAndComeBackAndTheServicesCatchUpByThemselves()
    {
        await fixture.WaitForSpxFeaturesAsync(_ct);
        await fixture.WaitForForecastAsync(_ct);

        await CommandAsync("postgres", KnownResourceCommands.StopCommand);
        await CommandAsync("redis", KnownResourceCommands.StopCommand);
        var outage = Stopwatch.StartNew();
        try
        {
            // The processes stay up and say why they are degraded.
            var training = await UntilAsync("training to report its worker retrying", () => WorkerFailureAsync("training", "training-worker"), TimeSpan.FromMinutes(2));
            var features = await UntilAsync("features to report the online store away", () => WorkerFailureAsync("features", "online-store"), TimeSpan.FromMinutes(2));
            Assert.Contains("retrying", training, StringComparison.Ordinal);
            Assert.Contains("online-store", features, StringComparison.Ordinal);
            foreach (var service in new[] { "training", "features", "inference", "ingest" })
            {
                using var alive = await fixture.AnonymousClient(service).GetAsync("/alive", _ct);
                Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            }
            // Keep them away for the length the issue names, so the back-off reaches its ceiling.
            var rest = TimeSpan.FromSeconds(30) - outage.Elapsed;
            if (rest > TimeSpan.Zero) await Task.Delay(rest, _ct);
        }
        finally
        {
            await CommandAsync("postgres", KnownResourceCommands.StartCommand);
            await CommandAsync("redis", KnownResourceCommands.StartCommand);
        }
        using (var back = Within(TimeSpan.FromMinutes(2)))
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("postgres", back.Token);
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("redis", back.Token);
        }

        // Redis came back empty: the feature stream rebuilds the online store from the offline history.
        await UntilAsync("the workers to recover", async () => await WorkerFailureAsync("training", "training-worker") is null
            && await WorkerFailureAsync("features", "online-store") is null && await WorkerFailureAsync("features", "feature-stream") is null, TimeSpan.FromMinutes(3));
        var online = await UntilAsync("SPX back in the online store", async () =>
        {
            using var response = await fixture.Client("features").GetAsync("/v1/features/online?symbols=SPX&view=price_v1", _ct);
            return response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<OnlineFeaturesResponse>(_ct) is { Entities.Count: 1 } r ? r.Entities[0] : null;
        }, TimeSpan.FromMinutes(3));
        var history = (await fixture.Client("features").GetFromJsonAsync<FeatureHistoryResponse>("/v1/features/history/SPX", _ct))!;
        var latest = history.Rows[^1];
        Assert.Equal(latest.EventTime, online.EventTime);
        Assert.Equal(latest.Values["rsi14"], online.Values["rsi14"]);

        // And the APIs answer again, steadily: the first calls may meet pooled connections the restart broke (each is
        // dropped on its first failure), so each service must then answer many calls in a row.
        await SteadyAsync("forecasts", () => fixture.Client("inference").GetAsync("/v1/forecast/SPX", _ct));
        await SteadyAsync("the registry", () => fixture.Client("training").GetAsync("/v1/registry/models", _ct));
        await SteadyAsync("backtests", () => fixture.Client("training").GetAsync("/v1/backtests", _ct));
        await SteadyAsync("lake SQL (key lookups)", () => fixture.Client("ingest").PostAsJsonAsync("/v1/lake/sql", new SqlRequest("SELECT 1"), _ct));
        await SteadyAsync("point-in-time joins", () => fixture.Client("features").PostAsJsonAsync("/v1/features/historical",
            new HistoricalFeaturesRequest([new EntityRowDto("SPX", new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc))], Features: ["rsi14"]), _ct));
        await SettledAsync();
    }

    /// <summary>Calls until 20 answers in a row succeed (within two minutes).</summary>
    private async Task SteadyAsync(string what, Func<Task<HttpResponseMessage>> call)
    {
        var inARow = 0;
        await UntilAsync($"{what} answering steadily", async () =>
        {
            try
            {
                using var response = await call();
                inARow = response.IsSuccessStatusCode ? inARow + 1 : 0;
            }
            catch (HttpRequestException) { inARow = 0; }
            return inARow >= 20;
        }, TimeSpan.FromMinutes(2), poll: 20);
    }

    /// <summary>The reason a service's <c>workers</c> health check gives for <paramref name="worker"/>, or null while it runs.</summary>
    private async Task<string?> WorkerFailureAsync(string service, string worker)
    {
        try
        {
            using var response = await fixture.AnonymousClient(service).GetAsync("/health", _ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct));
            var check = json.RootElement.GetProperty("checks").EnumerateArray().SingleOrDefault(c => c.GetProperty("name").GetString() == "workers");
            var description = check.ValueKind == JsonValueKind.Undefined ? null : check.GetProperty("description").GetString();
            return check.ValueKind != JsonValueKind.Undefined && check.GetProperty("status").GetString() == "Degraded" && description!.Contains(worker, StringComparison.Ordinal)
                ? description : null;
        }
        catch (HttpRequestException) { return null; }
    }

    private async Task<TrainingJobDto> JobAsync(HttpClient training, long id) =>
        (await training.GetFromJsonAsync<TrainingJobDto>($"/v1/training/jobs/{id}", _ct))!;

    /// <summary>A token for one wait: no wait on a resource may hang the suite.</summary>
    private CancellationTokenSource Within(TimeSpan limit)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        cts.CancelAfter(limit);
        return cts;
    }

    private async Task<int> PidAsync(string resource)
    {
        using var within = Within(TimeSpan.FromMinutes(2));
        var e = await fixture.App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == "Running" && e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null), within.Token);
        return Convert.ToInt32(e.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task CommandAsync(string resource, string command) => fixture.ExecuteCommandAsync(resource, command, _ct);

    private Task UntilAsync(string what, Func<Task<bool>> done, TimeSpan within, int poll = 500) =>
        UntilAsync<object>(what, async () => await done() ? new object() : null, within, poll);

    /// <summary>Polls until <paramref name="probe"/> yields a value; calls that fail meanwhile count as "not yet".</summary>
    private async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, TimeSpan within, int poll = 500) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !_ct.IsCancellationRequested)
            {
                last = e.Message;
            }
            await Task.Delay(poll, _ct);
        }
        throw new TimeoutException($"{what}: not within {within.TotalSeconds:F0} s {last}");
    }
}
