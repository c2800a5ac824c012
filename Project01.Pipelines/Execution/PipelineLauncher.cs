using Microsoft.Extensions.Logging;
using Project01.Pipelines.Definitions;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>Starts runs and hands steps to Quartz: a run's root steps at once, a step's dependents when the last thing
/// they wait on has succeeded, and a stalled step again. Each hand-over is claimed in the run store first, so two
/// nodes never schedule the same step twice.</summary>
public sealed partial class PipelineLauncher
{
    private readonly PipelineCatalog catalog;
    private readonly PipelineRunStore store;
    private readonly Func<CancellationToken, ValueTask<IScheduler>> scheduler;
    private readonly ILogger logger;

    public PipelineLauncher(PipelineCatalog catalog, PipelineRunStore store, ISchedulerFactory schedulers, ILogger<PipelineLauncher> logger)
        : this(catalog, store, ct => schedulers.GetScheduler(ct), logger)
    {
    }

    /// <summary>With a scheduler of its own, e.g. one that only stores triggers (<see cref="PipelineClient"/>).</summary>
    internal PipelineLauncher(PipelineCatalog catalog, PipelineRunStore store, Func<CancellationToken, ValueTask<IScheduler>> scheduler, ILogger logger)
    {
        this.catalog = catalog;
        this.store = store;
        this.scheduler = scheduler;
        this.logger = logger;
    }

    /// <summary>A new run, its root steps scheduled; null while the pipeline has a run going.</summary>
    public async Task<PipelineRun?> StartAsync(string pipeline, string trigger, string requestedBy, CancellationToken ct)
    {
        var definition = catalog.Get(pipeline);
        var run = await store.CreateRunAsync(definition, trigger, requestedBy, ct);
        if (run is null)
        {
            LogBusy(logger, pipeline);
            return null;
        }
        LogStarted(logger, run.Id, pipeline, trigger, requestedBy);
        foreach (var step in definition.Roots) await ScheduleIfPendingAsync(run.Id, step, ct);
        return run;
    }

    /// <summary>After <paramref name="step"/> succeeded: schedules every dependent whose dependencies all succeeded.</summary>
    public async Task ContinueAfterAsync(PipelineDefinition pipeline, long runId, string step, CancellationToken ct)
    {
        var run = await store.GetRunAsync(runId, ct);
        if (run is null) return;
        var succeeded = run.Steps.Where(s => s.State == StepStates.Succeeded).Select(s => s.Step).ToHashSet(StringComparer.Ordinal);
        foreach (var dependent in pipeline.Dependents(step).Where(d => d.DependsOn.All(succeeded.Contains)))
            await ScheduleIfPendingAsync(runId, dependent, ct);
    }

    /// <summary>A step whose node stopped: one trigger per attempt count, so racing nodes store it once.</summary>
    public async Task RescheduleStalledAsync(long runId, StepDefinition step, int attemptsSoFar, CancellationToken ct)
    {
        var quartz = await scheduler(ct);
        try
        {
            await quartz.ScheduleJob(PipelineTriggers.Step(runId, step, attemptsSoFar, $"resume-{attemptsSoFar}"), default, ct);
            LogResumed(logger, runId, step.Name, attemptsSoFar);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node (or an earlier check) stored it already.
        }
    }

    private async Task ScheduleIfPendingAsync(long runId, StepDefinition step, CancellationToken ct)
    {
        if (!await store.TryScheduleStepAsync(runId, step.Name, ct)) return;
        var quartz = await scheduler(ct);
        await quartz.ScheduleJob(PipelineTriggers.Step(runId, step, attemptsSoFar: 0, "first"), default, ct);
    }

    [LoggerMessage(LogLevel.Information, "Pipeline run {RunId} of {Pipeline} started ({Trigger}, by {RequestedBy})")]
    private static partial void LogStarted(ILogger logger, long runId, string pipeline, string trigger, string requestedBy);

    [LoggerMessage(LogLevel.Information, "Pipeline {Pipeline} not started: a run is still going")]
    private static partial void LogBusy(ILogger logger, string pipeline);

    [LoggerMessage(LogLevel.Warning, "Pipeline run {RunId}: step {Step} stalled after {Attempts} attempt(s) (its node stopped); scheduled again")]
    private static partial void LogResumed(ILogger logger, long runId, string step, int attempts);
}
