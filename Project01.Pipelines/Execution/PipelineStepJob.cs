using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Pipelines.Definitions;
using Project01.Pipelines.Extensions;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>
/// One attempt of one step. Claims the step in the run store (a duplicate firing finds it taken and leaves), keeps a
/// heartbeat while it works, bounds the attempt by the step's timeout, and records the outcome: success schedules the
/// dependents; a failure with attempts left is thrown back to Quartz, whose retry policy fires it again after the
/// back-off; the last failure fails the step, raises an alert and skips what depended on it. Stopped by a shutdown,
/// the step stays "running" and is taken over once its heartbeat is older than the lease.
/// </summary>
public sealed partial class PipelineStepJob(
    PipelineCatalog catalog, PipelineRunStore store, PipelineLauncher launcher, PipelineMetrics metrics, IOptions<PipelineOptions> options,
    ILogger<PipelineStepJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var runId = PipelineTriggers.RunOf(context);
        var stepName = context.MergedJobDataMap.GetString(PipelineTriggers.StepKey)!;
        var run = await store.GetRunAsync(runId, cancellationToken);
        if (run is null || run.IsFinished || catalog.Find(run.Pipeline) is not { } pipeline) return;
        var step = pipeline.Step(stepName);
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        if (await store.TryStartStepAsync(runId, stepName, DateTime.UtcNow - lease, cancellationToken) is not { } attempt) return;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(step.Timeout);
        using var done = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(runId, stepName, lease / 3, done.Token);
        var clock = Stopwatch.StartNew();
        string output;
        try
        {
            output = await catalog.Step(stepName).RunAsync(new StepContext(runId, pipeline.Name, stepName, attempt, run.RequestedBy), timeout.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: leave the step running; whoever holds the lease next takes it over.
            await StopAsync(done, heartbeat);
            throw;
        }
        catch (Exception e)
        {
            await StopAsync(done, heartbeat);
            var error = timeout.IsCancellationRequested ? $"timed out after {step.Timeout}" : $"{e.GetType().Name}: {FirstLine(e.Message)}";
            metrics.StepAttempt(pipeline.Name, stepName, "failed", clock.Elapsed);
            if (attempt >= step.MaxAttempts)
            {
                await FailAsync(pipeline, runId, step, attempt, error, CancellationToken.None);
                return;
            }
            var wait = context.RetryPolicy is { MaxAttempts: > 0 } policy ? policy.DelayFor(context.RetryAttempt + 1) : step.Backoff;
            await store.RetryStepAsync(runId, stepName, error, DateTime.UtcNow + wait, CancellationToken.None);
            LogRetrying(logger, runId, stepName, attempt, step.MaxAttempts, wait, error);
            throw new JobExecutionException($"{stepName} attempt {attempt} failed: {error}", e);
        }
        await StopAsync(done, heartbeat);
        metrics.StepAttempt(pipeline.Name, stepName, "succeeded", clock.Elapsed);
        await store.SucceedStepAsync(runId, stepName, output, CancellationToken.None);
        LogSucceeded(logger, runId, stepName, attempt, clock.Elapsed.TotalSeconds, output);
        await launcher.ContinueAfterAsync(pipeline, runId, stepName, CancellationToken.None);
        await FinishAsync(pipeline.Name, runId);
    }

    private async Task FailAsync(PipelineDefinition pipeline, long runId, StepDefinition step, int attempts, string error, CancellationToken ct)
    {
        await store.FailStepAsync(runId, step.Name, error, ct);
        var message = $"{step.Name} failed after {attempts} attempt(s): {error}";
        if (await store.AddAlertAsync(runId, step.Name, AlertKinds.Failed, message, ct)) metrics.Alert(pipeline.Name, step.Name, AlertKinds.Failed);
        LogFailed(logger, runId, pipeline.Name, step.Name, attempts, error);
        await store.SkipAsync(runId, Downstream(pipeline, step.Name), $"skipped: {step.Name} failed", ct);
        await FinishAsync(pipeline.Name, runId);
    }

    private async Task FinishAsync(string pipeline, long runId)
    {
        if (await store.FinishIfDoneAsync(runId, CancellationToken.None) is { } finished)
        {
            metrics.RunFinished(pipeline, finished.State);
            LogFinished(logger, runId, pipeline, finished.State);
        }
    }

    /// <summary>Everything that depends on <paramref name="step"/>, directly or not.</summary>
    private static HashSet<string> Downstream(PipelineDefinition pipeline, string step)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([step]);
        while (queue.TryDequeue(out var s))
            foreach (var d in pipeline.Dependents(s))
                if (result.Add(d.Name)) queue.Enqueue(d.Name);
        return result;
    }

    private async Task HeartbeatAsync(long runId, string step, TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await store.HeartbeatAsync(runId, step, ct); }
                catch (Exception e) when (e is not OperationCanceledException) { LogHeartbeatFailed(logger, e, runId, step); }
            }
        }
        catch (OperationCanceledException) { }
    }

    private static async Task StopAsync(CancellationTokenSource done, Task heartbeat)
    {
        await done.CancelAsync();
        await heartbeat;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [LoggerMessage(LogLevel.Information, "Pipeline run {RunId}: {Step} succeeded on attempt {Attempt} in {Seconds:F1} s: {Output}")]
    private static partial void LogSucceeded(ILogger logger, long runId, string step, int attempt, double seconds, string output);

    [LoggerMessage(LogLevel.Warning, "Pipeline run {RunId}: {Step} attempt {Attempt} of {MaxAttempts} failed; retrying in {Wait}: {Error}")]
    private static partial void LogRetrying(ILogger logger, long runId, string step, int attempt, int maxAttempts, TimeSpan wait, string error);

    [LoggerMessage(LogLevel.Error, "ALERT pipeline run {RunId} of {Pipeline}: {Step} failed after {Attempts} attempt(s): {Error}")]
    private static partial void LogFailed(ILogger logger, long runId, string pipeline, string step, int attempts, string error);

    [LoggerMessage(LogLevel.Information, "Pipeline run {RunId} of {Pipeline} finished: {State}")]
    private static partial void LogFinished(ILogger logger, long runId, string pipeline, string state);

    [LoggerMessage(LogLevel.Warning, "Pipeline run {RunId}: heartbeat of {Step} failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception e, long runId, string step);
}
