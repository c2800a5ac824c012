using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Pipelines.Extensions;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>At start: the run tables, the durable jobs, the watch trigger and each pipeline's cron trigger, stored with
/// replace so a changed schedule takes effect (and a removed one is dropped).</summary>
public sealed partial class PipelineSchedules(
    PipelineCatalog catalog, PipelineRunStore store, ISchedulerFactory schedulers, PipelineMetrics metrics, IOptions<PipelineOptions> options,
    ILogger<PipelineSchedules> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.EnsureExecutable();
        await store.EnsureSchemaAsync(cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var replace = new AddJobOptions { Replace = true };
        await scheduler.AddJob(JobBuilder.Create<PipelineStepJob>().WithIdentity(PipelineTriggers.StepJob).StoreDurably().Build(), replace, cancellationToken);
        await scheduler.AddJob(JobBuilder.Create<PipelineStartJob>().WithIdentity(PipelineTriggers.StartJob).StoreDurably().Build(), replace, cancellationToken);
        await scheduler.AddJob(JobBuilder.Create<PipelineWatchJob>().WithIdentity(PipelineTriggers.WatchJob).StoreDurably().Build(), replace, cancellationToken);
        var replaceTrigger = new ScheduleJobOptions { Replace = true };
        await scheduler.ScheduleJob(PipelineTriggers.Watch(TimeSpan.FromSeconds(options.Value.WatchSeconds)), replaceTrigger, cancellationToken);
        foreach (var pipeline in catalog.Pipelines)
        {
            metrics.Register(pipeline.Name);
            var cron = options.Value.Schedules.TryGetValue(pipeline.Name, out var configured) ? configured : pipeline.Schedule;
            if (string.IsNullOrWhiteSpace(cron))
            {
                await scheduler.UnscheduleJob(PipelineTriggers.ScheduleKey(pipeline.Name), cancellationToken);
                LogOnDemand(logger, pipeline.Name);
                continue;
            }
            await scheduler.ScheduleJob(PipelineTriggers.Schedule(pipeline.Name, cron), replaceTrigger, cancellationToken);
            LogScheduled(logger, pipeline.Name, cron);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Pipeline {Pipeline} scheduled: {Cron}")]
    private static partial void LogScheduled(ILogger logger, string pipeline, string cron);

    [LoggerMessage(LogLevel.Information, "Pipeline {Pipeline} runs on demand only")]
    private static partial void LogOnDemand(ILogger logger, string pipeline);
}
