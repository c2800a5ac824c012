using System.Collections.Concurrent;
using Project01.Ingestion.Replay;

namespace Project01.Ingest.Workers;

public enum ReplayState { Running, Completed, Failed }

public sealed record ReplayJob(Guid Id, string Source, double Speed, DateTime StartedAt)
{
    public ReplayState State { get; internal set; } = ReplayState.Running;
    public ReplayProgress Progress { get; internal set; } = new(0, 0, 0);
    public ReplayResult? Result { get; internal set; }
    public string? Error { get; internal set; }
    public DateTime? FinishedAt { get; internal set; }
}

/// <summary>Replays running or finished in this process, so callers can start one and poll it.</summary>
public sealed partial class ReplayJobs(BundledReplays replays, IHostApplicationLifetime lifetime, ILogger<ReplayJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, (ReplayJob Job, Task Task)> _jobs = new();

    public IEnumerable<ReplayJob> All => _jobs.Values.Select(j => j.Job).OrderByDescending(j => j.StartedAt);

    public ReplayJob? Find(Guid id) => _jobs.TryGetValue(id, out var j) ? j.Job : null;

    public ReplayJob Start(string dataset, double speed)
    {
        var job = new ReplayJob(Guid.NewGuid(), BundledReplays.SourceId(dataset), speed, DateTime.UtcNow);
        var progress = new Progress<ReplayProgress>(p => job.Progress = p);
        var task = Task.Run(async () =>
        {
            try
            {
                job.Result = await replays.RunAsync(dataset, speed, progress, lifetime.ApplicationStopping);
                job.Progress = new ReplayProgress(job.Result.Lines, job.Result.Produced, job.Result.DeadLettered);
                job.State = ReplayState.Completed;
            }
            catch (Exception e)
            {
                job.Error = e.Message;
                job.State = ReplayState.Failed;
                LogFailed(logger, job.Source, e);
            }
            finally
            {
                job.FinishedAt = DateTime.UtcNow;
            }
        });
        _jobs[job.Id] = (job, task);
        return job;
    }

    public Task WaitAsync(Guid id) => _jobs.TryGetValue(id, out var j) ? j.Task : Task.CompletedTask;

    [LoggerMessage(LogLevel.Error, "Replay of {Source} failed")]
    private static partial void LogFailed(ILogger logger, string source, Exception e);
}
