using Microsoft.Extensions.Options;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelTraining.Jobs;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining;
using Project01.Training.Extensions;

namespace Project01.Training.Workers;

/// <summary>
/// Retrains when the data changed: once the feature watermarks have been still for the settle period and describe a
/// dataset no registered model was trained on, a job is queued (the queue ignores a duplicate for the same dataset).
/// </summary>
public sealed partial class TrainingScheduler(
    OfflineFeatureStore offline, ModelRegistryStore registry, TrainingJobQueue queue, IOptions<TrainingOptions> options, ILogger<TrainingScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.AutoTrain) return;
        await registry.EnsureSchemaAsync(stoppingToken);
        await queue.EnsureSchemaAsync(stoppingToken);
        // Unknown names fail here, at start-up, rather than on every tick.
        var models = o.ModelsOrDefault.Select(name => (Name: name, Spec: ForecastTrainingJob.ParseModelName(name))).ToList();
        var intradayModels = o.IntradayModelsOrDefault.Select(name => (Name: name, Spec: ForecastTrainingJob.ParseModelName(name))).ToList();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.PollSeconds));
        do
        {
            try
            {
                // Every price view with features: the daily one, and each intraday one (price_5m_v1 …) imported data made.
                foreach (var view in (await offline.GetWatermarksAsync(null, stoppingToken)).GroupBy(w => w.View))
                {
                    if (FeatureView.PriceIntervalOf(view.Key) is not { } interval) continue;
                    var watermarks = view.ToList();
                    if (DateTime.UtcNow - watermarks.Max(w => w.UpdatedAt) < TimeSpan.FromSeconds(o.SettleSeconds)) continue;
                    foreach (var (name, (target, algorithm)) in interval.IsDaily ? models : intradayModels)
                        await QueueIfNewAsync(interval.IsDaily ? name : ModelNames.Of(target, algorithm, interval), target, algorithm, interval, watermarks, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task QueueIfNewAsync(string model, ForecastTarget target, string algorithm, BarInterval interval, IReadOnlyList<FeatureWatermark> watermarks,
        CancellationToken ct)
    {
        var datasetId = ForecastTrainingJob.DatasetIdOf(watermarks, target, interval, algorithm);
        var versions = await registry.ListAsync(model, ct);
        // Trained already, or tried and failed (a person retries that through the API): nothing to do.
        if (versions.Any(v => v.DatasetId == datasetId) || await queue.ExistsForDatasetAsync(model, datasetId, ct)) return;
        var reason = versions.Count == 0 ? "no model yet" : $"features changed since v{versions[0].Version}";
        if (await queue.EnqueueAsync(model, target.Name(), reason, datasetId, ct) is { } job)
            LogQueued(logger, job.Id, model, datasetId, reason);
    }

    [LoggerMessage(LogLevel.Information, "Queued training job {Id} for {Model} on dataset {DatasetId}: {Reason}")]
    private static partial void LogQueued(ILogger logger, long id, string model, string datasetId, string reason);

    [LoggerMessage(LogLevel.Warning, "Training scheduler check failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
