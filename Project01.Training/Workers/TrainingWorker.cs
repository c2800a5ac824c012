using Project01.Backtesting.Runs;
using Project01.ModelTraining.Jobs;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining;

namespace Project01.Training.Workers;

/// <summary>Takes jobs from the Postgres queue one at a time and runs them, reporting progress into the job row.</summary>
public sealed partial class TrainingWorker(TrainingJobQueue queue, ModelRegistryStore registry, BacktestStore backtests, ForecastTrainingJob training,
    ILogger<TrainingWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await registry.EnsureSchemaAsync(stoppingToken);
        await queue.EnsureSchemaAsync(stoppingToken);
        await backtests.EnsureSchemaAsync(stoppingToken);
        var requeued = await queue.RequeueAbandonedAsync(stoppingToken);
        if (requeued > 0) LogRequeued(logger, requeued);

        while (!stoppingToken.IsCancellationRequested)
        {
            var job = await queue.ClaimNextAsync(stoppingToken);
            if (job is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }
            LogStarted(logger, job.Id, job.Model, job.Reason);
            try
            {
                var progress = new Progress<string>(message =>
                {
                    LogProgress(logger, job.Id, message);
                    _ = queue.ReportProgressAsync(job.Id, message, CancellationToken.None);
                });
                var (target, algorithm) = ForecastTrainingJob.ParseModelName(job.Model);
                var version = await training.RunAsync(target, algorithm, job.Reason, progress, stoppingToken);
                await queue.SucceedAsync(job.Id, version.Version, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, job.Id, e);
                await queue.FailAsync(job.Id, e.Message, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Requeued {Count} training job(s) left running by a previous worker")]
    private static partial void LogRequeued(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Training job {Id} ({Model}) started: {Reason}")]
    private static partial void LogStarted(ILogger logger, long id, string model, string reason);

    [LoggerMessage(LogLevel.Information, "Training job {Id}: {Message}")]
    private static partial void LogProgress(ILogger logger, long id, string message);

    [LoggerMessage(LogLevel.Error, "Training job {Id} failed")]
    private static partial void LogFailed(ILogger logger, long id, Exception e);
}
