using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Pipelines.Extensions;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>
/// Once across the cluster every <see cref="PipelineOptions.WatchSeconds"/>: raises an SLA alert for each step of a
/// running run that has not succeeded within its SLA of the run's start (once per step; the step goes on), and hands
/// steps whose node stopped — no heartbeat for a lease, or a retry that never fired — back to Quartz.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class PipelineWatchJob(
    PipelineCatalog catalog, PipelineRunStore store, PipelineLauncher launcher, PipelineMetrics metrics, IOptions<PipelineOptions> options,
    ILogger<PipelineWatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = DateTime.UtcNow;
        foreach (var run in await store.ListRunsAsync(null, RunStates.Running, 100, cancellationToken))
        {
            if (catalog.Find(run.Pipeline) is not { } pipeline) continue;
            var elapsed = now - run.CreatedAt;
            foreach (var step in run.Steps.Where(s => s.State is StepStates.Pending or StepStates.Scheduled or StepStates.Running or StepStates.Retrying))
            {
                var sla = pipeline.Step(step.Step).Sla;
                if (elapsed <= sla) continue;
                var message = $"{step.Step} not done {elapsed:hh\\:mm\\:ss} after the run started (SLA {sla:hh\\:mm\\:ss}; {step.State}, {step.Attempts} attempt(s))";
                if (!await store.AddAlertAsync(run.Id, step.Step, AlertKinds.Sla, message, cancellationToken)) continue;
                metrics.Alert(pipeline.Name, step.Step, AlertKinds.Sla);
                LogSla(logger, run.Id, pipeline.Name, message);
            }
        }
        foreach (var (runId, pipelineName, step, attempts) in await store.StalledStepsAsync(now - TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken))
            if (catalog.Find(pipelineName) is { } pipeline)
                await launcher.RescheduleStalledAsync(runId, pipeline.Step(step), attempts, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "ALERT pipeline run {RunId} of {Pipeline} past its SLA: {Message}")]
    private static partial void LogSla(ILogger logger, long runId, string pipeline, string message);
}
