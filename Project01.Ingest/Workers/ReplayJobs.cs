using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Project01.Ingest.Extensions;
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

/// <summary>Why a replay was not started: the same dataset is replaying already, or too many are.</summary>
public enum ReplayRefusal { None, AlreadyRunning, TooMany }

/// <summary>
/// Replays running or finished in this process, so callers can start one and poll it. Bounded: one replay per
/// dataset at a time, at most <see cref="IngestOptions.MaxConcurrentReplays"/> at once, and only the newest
/// <see cref="IngestOptions.KeepFinishedReplays"/> finished ones are remembered.
/// </summary>
public sealed partial class ReplayJobs(BundledReplays replays, IHostApplicationLifetime lifetime, IOptions<IngestOptions> options, ILogger<ReplayJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, (ReplayJob Job, Task Task)> _jobs = new();
    private readonly Lock _starting = new();

    public IEnumerable<ReplayJob> All => _jobs.Values.Select(j => j.Job).OrderByDescending(j => j.StartedAt);

    public ReplayJob? Find(Guid id) => _jobs.TryGetValue(id, out var j) ? j.Job : null;

    /// <summary>Starts a replay, or says why not (the job is then null).</summary>
    public (ReplayJob? Job, ReplayRefusal Refusal) TryStart(string dataset, double speed)
    {
        var source = BundledReplays.SourceId(dataset);
        lock (_starting)
        {
            var running = _jobs.Values.Where(j => j.Job.State == ReplayState.Running).Select(j => j.Job).ToList();
            if (running.Any(j => j.Source == source)) return (null, ReplayRefusal.AlreadyRunning);
            if (running.Count >= options.Value.MaxConcurrentReplays) return (null, ReplayRefusal.TooMany);
            ForgetOldFinished();
            return (Start(dataset, source, speed), ReplayRefusal.None);
        }
    }

    private void ForgetOldFinished()
    {
        foreach (var old in _jobs.Values.Where(j => j.Job.State != ReplayState.Running).OrderByDescending(j => j.Job.StartedAt).Skip(options.Value.KeepFinishedReplays - 1))
            _jobs.TryRemove(old.Job.Id, out _);
    }

    private ReplayJob Start(string dataset, string source, double speed)
    {
        var job = new ReplayJob(Guid.NewGuid(), source, speed, DateTime.UtcNow);
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
