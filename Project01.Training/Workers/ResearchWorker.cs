using System.Text.Json;
using Project01.ModelRegistry.Tuning;
using Project01.ModelTraining.Jobs;
using Project01.ModelTraining.Research;
using Project01.Contracts;

namespace Project01.Training.Workers;

/// <summary>
/// Runs research jobs (hyper-parameter searches and portfolio comparisons) from their Postgres queue one at a time,
/// beside the training worker so a long study never holds up retraining; progress goes into the job row and the lease is
/// renewed while it runs.
/// </summary>
public sealed partial class ResearchWorker(ResearchJobQueue queue, TuningJobs tuning, TuningStudyStore studies, WorkerHealth health,
    Npgsql.NpgsqlDataSource db, ILogger<ResearchWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        health.RunAsync("research-worker", RunAsync, (e, wait) =>
        {
            if (e is System.Data.Common.DbException) db.Clear();
            LogRetrying(logger, wait.TotalSeconds, e);
        }, TimeSpan.FromSeconds(30), stoppingToken);

    private async Task RunAsync(Action running, CancellationToken ct)
    {
        await queue.EnsureSchemaAsync(ct);
        await studies.EnsureSchemaAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            var job = await queue.ClaimNextAsync(Lease, ct);
            running();
            if (job is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                continue;
            }
            await RunJobAsync(job, ct);
        }
    }

    private async Task RunJobAsync(ResearchJob job, CancellationToken ct)
    {
        LogStarted(logger, job.Id, job.Kind, job.Attempts, job.RequestedBy);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewLeaseAsync(job, renewing.Token);
        try
        {
            var progress = new JobProgress(message =>
            {
                LogProgress(logger, job.Id, message);
                _ = queue.ReportProgressAsync(job.Id, message, CancellationToken.None);
            });
            var result = job.Kind switch
            {
                ResearchJobQueue.Tuning => JsonSerializer.Serialize(await tuning.RunAsync(job, progress, ct), TuningJobs.Json),
                ResearchJobQueue.Portfolio => JsonSerializer.Serialize(
                    await Task.Run(() => PortfolioJobs.Run(JsonSerializer.Deserialize<PortfolioJobRequest>(job.Request, TuningJobs.Json)!, progress, ct), ct), TuningJobs.Json),
                _ => throw new InvalidOperationException($"unknown research job kind '{job.Kind}'"),
            };
            await queue.SucceedAsync(job.Id, result, ct);
            LogFinished(logger, job.Id, job.Kind);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await queue.ReleaseAsync(job.Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFailed(logger, job.Id, e);
            await queue.FailAsync(job.Id, e.Message, CancellationToken.None);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewLeaseAsync(ResearchJob job, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (!await queue.RenewLeaseAsync(job.Id, job.Attempts, Lease, ct)) LogLeaseLost(logger, job.Id);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewFailed(logger, job.Id, e.Message);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Reports on the thread that made the progress (Progress&lt;T&gt; posts to the thread pool, which reorders lines).</summary>
    private sealed class JobProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    [LoggerMessage(LogLevel.Warning, "Research worker failed; retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, double seconds, Exception e);

    [LoggerMessage(LogLevel.Information, "Research job {Id} ({Kind}) started, attempt {Attempt}, for {RequestedBy}")]
    private static partial void LogStarted(ILogger logger, long id, string kind, int attempt, string requestedBy);

    [LoggerMessage(LogLevel.Information, "Research job {Id}: {Message}")]
    private static partial void LogProgress(ILogger logger, long id, string message);

    [LoggerMessage(LogLevel.Information, "Research job {Id} ({Kind}) succeeded")]
    private static partial void LogFinished(ILogger logger, long id, string kind);

    [LoggerMessage(LogLevel.Error, "Research job {Id} failed")]
    private static partial void LogFailed(ILogger logger, long id, Exception e);

    [LoggerMessage(LogLevel.Warning, "Research job {Id}: its lease was taken over by another worker")]
    private static partial void LogLeaseLost(ILogger logger, long id);

    [LoggerMessage(LogLevel.Warning, "Research job {Id}: renewing its lease failed ({Reason}); retrying")]
    private static partial void LogRenewFailed(ILogger logger, long id, string reason);
}
