using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>A run of a pipeline on its schedule (or on a trigger another process stored, e.g. <c>p01 pipeline run</c>).
/// Overlap policy: while a run is going, a new one is not started.</summary>
public sealed class PipelineStartJob(PipelineLauncher launcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var map = context.MergedJobDataMap;
        var requestedBy = map.GetString(PipelineTriggers.RequestedByKey) ?? "schedule";
        await launcher.StartAsync(map.GetString(PipelineTriggers.PipelineKey)!, requestedBy == "schedule" ? "schedule" : "manual", requestedBy, cancellationToken);
    }
}
