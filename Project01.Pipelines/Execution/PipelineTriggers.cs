using System.Globalization;
using Project01.Pipelines.Definitions;
using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>The Quartz jobs and triggers of pipelines: one durable job per kind, a one-off trigger per step attempt chain.</summary>
public static class PipelineTriggers
{
    public const string Group = "pipelines";
    public static readonly JobKey StepJob = new("step", Group);
    public static readonly JobKey StartJob = new("start", Group);
    public static readonly JobKey WatchJob = new("watch", Group);

    public const string RunKey = "run";
    public const string StepKey = "step";
    public const string PipelineKey = "pipeline";
    public const string RequestedByKey = "requested-by";

    /// <summary>
    /// A trigger that runs a step now; failures are retried by Quartz with waits of backoff, 2·backoff, 4·backoff … for
    /// the attempts the step has left (<paramref name="attemptsSoFar"/> used already).
    /// </summary>
    public static ITrigger Step(long runId, StepDefinition step, int attemptsSoFar, string suffix)
    {
        var retries = step.MaxAttempts - attemptsSoFar - 1;
        return TriggerBuilder.Create()
            .WithIdentity(new TriggerKey($"{runId}/{step.Name}/{suffix}", Group))
            .ForJob(StepJob)
            .UsingJobData(RunKey, runId.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(StepKey, step.Name)
            .WithRetryPolicy(retries >= 1 ? RetryPolicy.Exponential(retries, step.Backoff, 2.0, null) : RetryPolicy.None)
            .StartNow()
            .Build();
    }

    public static TriggerKey ScheduleKey(string pipeline) => new($"schedule/{pipeline}", Group);

    /// <summary>Starts a run of <paramref name="pipeline"/> on its cron schedule.</summary>
    public static ITrigger Schedule(string pipeline, string cron) =>
        TriggerBuilder.Create()
            .WithIdentity(ScheduleKey(pipeline))
            .ForJob(StartJob)
            .UsingJobData(PipelineKey, pipeline)
            .UsingJobData(RequestedByKey, "schedule")
            .WithSchedule(CronScheduleBuilder.Create(cron))
            .Build();

    public static ITrigger Watch(TimeSpan every) =>
        TriggerBuilder.Create()
            .WithIdentity(new TriggerKey("watch", Group))
            .ForJob(WatchJob)
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(every).RepeatForever())
            .StartNow()
            .Build();

    public static long RunOf(IJobExecutionContext context) => long.Parse(context.MergedJobDataMap.GetString(RunKey)!, CultureInfo.InvariantCulture);
}
