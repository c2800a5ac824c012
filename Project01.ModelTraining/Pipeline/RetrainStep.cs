using Project01.Core.Forecasting;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining.Jobs;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>
/// Retrains each kept model whose data changed: a version already trained on the current dataset means there is
/// nothing new to learn (skipped); otherwise the job for that dataset is queued (or the one already queued by the
/// auto-trainer is taken) and the step waits for the training worker to finish it. A failed job fails the step.
/// </summary>
public sealed class RetrainStep(RetrainingModels models, OfflineFeatureStore offline, ModelRegistryStore registry, TrainingJobQueue queue) : IPipelineStep
{
    public const string StepName = "retrain";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public string Name => StepName;

    public async Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        await queue.EnsureSchemaAsync(ct);
        var watermarks = await offline.GetWatermarksAsync(FeatureView.Price, ct);
        var lines = new List<string>();
        foreach (var name in models.Names)
        {
            var (target, algorithm) = ForecastTrainingJob.ParseModelName(name);
            var datasetId = ForecastTrainingJob.DatasetIdOf(watermarks, target, algorithm: algorithm);
            if ((await registry.ListAsync(name, ct)).FirstOrDefault(v => v.DatasetId == datasetId) is { } trained)
            {
                lines.Add($"{name}: unchanged data, v{trained.Version} is current");
                continue;
            }
            var job = await queue.FindForDatasetAsync(name, datasetId, ct) is { State: "queued" or "running" } existing ? existing
                : await queue.EnqueueAsync(name, target.Name(), $"pipeline run {context.RunId}", datasetId, ct)
                  ?? await queue.FindForDatasetAsync(name, datasetId, ct)
                  ?? throw new InvalidOperationException($"{name}: could not queue a training job for dataset {datasetId}");
            while (job.State is "queued" or "running")
            {
                await Task.Delay(Poll, ct);
                job = await queue.GetAsync(job.Id, ct) ?? throw new InvalidOperationException($"training job {job.Id} disappeared");
            }
            if (job.State != "succeeded") throw new InvalidOperationException($"{name}: training job {job.Id} {job.State}: {job.Error}");
            lines.Add($"{name}: v{job.ModelVersion} trained (job {job.Id})");
        }
        return string.Join("; ", lines);
    }
}
