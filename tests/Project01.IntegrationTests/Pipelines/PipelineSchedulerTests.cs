using Project01.Pipelines.Definitions;
using Project01.Pipelines.Runs;

namespace Project01.IntegrationTests.Pipelines;

/// <summary>The pipeline engine on Quartz's PostgreSQL store: retries with back-off, alerts, SLAs, resumption.</summary>
[Collection(AppHostCollection.Name)]
public sealed class PipelineSchedulerTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static StepDefinition Step(string name, int attempts = 3, double backoffSeconds = 1, double slaSeconds = 3600, params string[] after) =>
        new(name, after, attempts, TimeSpan.FromSeconds(backoffSeconds), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(slaSeconds));

    [Fact]
    public async Task AFailingStepIsRetriedWithGrowingWaitsUntilItSucceeds()
    {
        await using var db = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var failures = 0;
        var flaky = new TestStep("flaky", (c, _) => Interlocked.Increment(ref failures) <= 2
            ? throw new IOException($"source not ready (attempt {c.Attempt})")
            : Task.FromResult("loaded 42 rows"));
        var pipeline = new PipelineDefinition("retry-demo", null, [Step("extract"), Step("flaky", after: "extract"), Step("load", after: "flaky")]);
        await using var host = await PipelineHost.StartAsync(db.ConnectionString, pipeline, [TestStep.Ok("extract"), flaky, TestStep.Ok("load")], _ct);

        var run = (await host.Launcher.StartAsync("retry-demo", "manual", "alice", _ct))!;
        run = await host.FinishedAsync(run.Id, _ct);

        Assert.Equal(RunStates.Succeeded, run.State);
        Assert.Equal("alice", run.RequestedBy);
        var step = run.Steps.Single(s => s.Step == "flaky");
        Assert.Equal((StepStates.Succeeded, 3, "loaded 42 rows"), (step.State, step.Attempts, step.Output));
        Assert.Equal(["extract", "flaky", "load"], run.Steps.Select(s => s.Step));
        Assert.All(run.Steps, s => Assert.Equal(StepStates.Succeeded, s.State));
        Assert.Empty(run.Alerts);
        // Back-off: 1 s before the second attempt, 2 s before the third.
        var starts = flaky.Starts.Select(s => s.At).ToList();
        Assert.Equal([1, 2, 3], flaky.Starts.Select(s => s.Attempt));
        Assert.True(starts[1] - starts[0] >= TimeSpan.FromSeconds(0.9), $"first wait {starts[1] - starts[0]}");
        Assert.True(starts[2] - starts[1] >= TimeSpan.FromSeconds(1.9), $"second wait {starts[2] - starts[1]}");
    }

    [Fact]
    public async Task AStepOutOfAttemptsFailsTheRunWithAnAlertAndSkipsWhatDependsOnIt()
    {
        await using var db = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var broken = new TestStep("broken", (_, _) => throw new InvalidOperationException("vendor returned HTTP 503"));
        var pipeline = new PipelineDefinition("failure-demo", null,
            [Step("broken", attempts: 2, backoffSeconds: 0.5), Step("after", after: "broken"), Step("independent")]);
        await using var host = await PipelineHost.StartAsync(db.ConnectionString, pipeline, [broken, TestStep.Ok("after"), TestStep.Ok("independent")], _ct);

        var run = await host.FinishedAsync((await host.Launcher.StartAsync("failure-demo", "manual", "bob", _ct))!.Id, _ct);

        Assert.Equal(RunStates.Failed, run.State);
        var failed = run.Steps.Single(s => s.Step == "broken");
        Assert.Equal((StepStates.Failed, 2), (failed.State, failed.Attempts));
        Assert.Equal("InvalidOperationException: vendor returned HTTP 503", failed.Error);
        Assert.Equal(StepStates.Skipped, run.Steps.Single(s => s.Step == "after").State);
        Assert.Equal(StepStates.Succeeded, run.Steps.Single(s => s.Step == "independent").State);
        var alert = Assert.Single(run.Alerts);
        Assert.Equal((AlertKinds.Failed, "broken"), (alert.Kind, alert.Step));
        Assert.Contains("failed after 2 attempt(s)", alert.Message);
        Assert.Equal(2, broken.Starts.Count);
    }

    [Fact]
    public async Task AStepPastItsSlaRaisesOneAlertAndCarriesOn()
    {
        await using var db = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new TestStep("slow", async (_, ct) => await release.Task.WaitAsync(ct));
        var pipeline = new PipelineDefinition("sla-demo", null, [Step("slow", slaSeconds: 1)]);
        await using var host = await PipelineHost.StartAsync(db.ConnectionString, pipeline, [slow], _ct);

        var run = (await host.Launcher.StartAsync("sla-demo", "manual", "carol", _ct))!;
        Assert.Null(await host.Launcher.StartAsync("sla-demo", "manual", "carol", _ct)); // one run at a time
        var alert = await host.UntilAsync(async () => (await host.Store.GetRunAsync(run.Id, _ct))!.Alerts.FirstOrDefault(), "an SLA alert", _ct);
        Assert.Equal((AlertKinds.Sla, "slow"), (alert.Kind, alert.Step));
        Assert.Contains("SLA 00:00:01", alert.Message);

        release.SetResult("finally done");
        run = await host.FinishedAsync(run.Id, _ct);
        Assert.Equal(RunStates.Succeeded, run.State); // late, not failed
        Assert.Single(run.Alerts);
    }

    [Fact]
    public async Task ARunInterruptedByARestartResumesWhereItStopped()
    {
        await using var db = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var pipeline = new PipelineDefinition("resume-demo", null, [Step("first"), Step("second", after: "first"), Step("third", after: "second")]);
        var first = TestStep.Ok("first");
        var hanging = new TestStep("second", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return "never"; });
        long runId;
        await using (var node1 = await PipelineHost.StartAsync(db.ConnectionString, pipeline, [first, hanging, TestStep.Ok("third")], _ct))
        {
            runId = (await node1.Launcher.StartAsync("resume-demo", "manual", "dave", _ct))!.Id;
            await node1.UntilAsync(async () => (await node1.Store.GetRunAsync(runId, _ct))!.Steps.Single(s => s.Step == "second").State == StepStates.Running ? "" : null,
                "the second step to run", _ct);
            await node1.StopAsync(); // the process goes away mid-step
        }
        Assert.Equal(StepStates.Running, (await new PipelineRunStore(db.Db).GetRunAsync(runId, _ct))!.Steps.Single(s => s.Step == "second").State);

        var resumed = TestStep.Ok("second");
        await using var node2 = await PipelineHost.StartAsync(db.ConnectionString, pipeline, [TestStep.Ok("first"), resumed, TestStep.Ok("third")], _ct);
        var run = await node2.FinishedAsync(runId, _ct);

        Assert.Equal(RunStates.Succeeded, run.State);
        Assert.Equal(1, run.Steps.Single(s => s.Step == "first").Attempts); // not repeated
        Assert.Single(first.Starts);
        Assert.Equal(2, run.Steps.Single(s => s.Step == "second").Attempts);
        Assert.Single(resumed.Starts);
        Assert.Equal(StepStates.Succeeded, run.Steps.Single(s => s.Step == "third").State);
    }
}
