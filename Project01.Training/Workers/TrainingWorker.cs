using Project01.Backtesting.Runs;
using Project01.ModelTraining.Jobs;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining;

namespace Project01.Training.Workers;

/// <summary>
/// Takes jobs from the Postgres queue one at a time and runs them, reporting progress into the job row and renewing
/// its lease while it trains. A Postgres outage does not stop the service: the worker retries with back-off and
/// <c>/health</c> says Degraded with the reason until the database answers again.
/// </summary>
public sealed partial class TrainingWorker(TrainingJobQueue queue, ModelRegistryStore registry, BacktestStore backtests, ForecastTrainingJob training,
    WorkerHealth health, Npgsql.NpgsqlDataSource db, ILogger<TrainingWorker> logger)
    : BackgroundService
{
    /// <summary>How long a claimed job stays this worker's without a renewal (a killed worker's job is claimed again after it).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        health.RunAsync("training-worker", RunAsync, (e, wait) =>
        {
            // After a database restart every pooled connection is dead: drop them all rather than fail once per connection.
            if (e is System.Data.Common.DbException) db.Clear();
            LogRetrying(logger, wait.TotalSeconds, e);
        }, TimeSpan.FromSeconds(30), stoppingToken);

    private async Task RunAsync(Action running, CancellationToken ct)
    {
        await registry.EnsureSchemaAsync(ct);
        await queue.EnsureSchemaAsync(ct);
        await backtests.EnsureSchemaAsync(ct);
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

    private async Task RunJobAsync(TrainingJob job, CancellationToken ct)
    {
        LogStarted(logger, job.Id, job.Model, job.Attempts, job.Reason);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewLeaseAsync(job, renewing.Token);
        try
        {
            var progress = new Progress<string>(message =>
            {
                LogProgress(logger, job.Id, message);
                _ = queue.ReportProgressAsync(job.Id, message, CancellationToken.None);
            });
            var (target, algorithm) = ForecastTrainingJob.ParseModelName(job.Model);
            var version = await training.RunAsync(target, algorithm, job.Reason, progress, ct, ModelNames.IntervalOf(job.Model));
            await queue.SucceedAsync(job.Id, version.Version, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand the job back now rather than leaving it to its lease.
            await queue.ReleaseAsync(job.Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFailed(logger, job.Id, e);
            // If Postgres is what failed this throws too: the job keeps its lease and is claimed again once it runs out.
            await queue.FailAsync(job.Id, e.Message, CancellationToken.None);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewLeaseAsync(TrainingJob job, CancellationToken ct)
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

    [LoggerMessage(LogLevel.Warning, "Training worker failed; retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, double seconds, Exception e);

    [LoggerMessage(LogLevel.Information, "Training job {Id} ({Model}) started, attempt {Attempt}: {Reason}")]
    private static partial void LogStarted(ILogger logger, long id, string model, int attempt, string reason);

    [LoggerMessage(LogLevel.Information, "Training job {Id}: {Message}")]
    private static partial void LogProgress(ILogger logger, long id, string message);

    [LoggerMessage(LogLevel.Error, "Training job {Id} failed")]
    private static partial void LogFailed(ILogger logger, long id, Exception e);

    [LoggerMessage(LogLevel.Warning, "Training job {Id}: its lease was taken over by another worker")]
    private static partial void LogLeaseLost(ILogger logger, long id);

    [LoggerMessage(LogLevel.Warning, "Training job {Id}: renewing its lease failed ({Reason}); retrying")]
    private static partial void LogRenewFailed(ILogger logger, long id, string reason);
}
