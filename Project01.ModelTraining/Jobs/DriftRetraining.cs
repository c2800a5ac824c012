using Project01.Core.Forecasting;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;
using Project01.Monitoring.Drift;

namespace Project01.ModelTraining.Jobs;

/// <summary>
/// Drift acted on: when a champion's newest window is dataset drift (at least half its inputs in alert), a retrain on
/// the current data is queued — unless a version was already trained on exactly that data (retraining on unchanged
/// data would learn nothing new) or a job for it is already queued.
/// </summary>
public sealed class DriftRetraining(OfflineFeatureStore offline, ModelRegistryStore registry, TrainingJobQueue queue)
{
    public sealed record Decision(TrainingJob? Job, string Why);

    public async Task<Decision> OnReportAsync(string model, DriftAnalysis analysis, CancellationToken ct)
    {
        if (analysis.Dataset.LastOrDefault() is not { DatasetDrift: true } window) return new(null, "no dataset drift");
        ForecastTarget target;
        try { (target, _) = ForecastTrainingJob.ParseModelName(model); }
        catch (ArgumentException e) { return new(null, $"dataset drift, but {model} cannot be retrained here: {e.Message}"); }
        var watermarks = await offline.GetWatermarksAsync(FeatureView.Price, ct);
        var datasetId = ForecastTrainingJob.DatasetIdOf(watermarks, target);
        if ((await registry.ListAsync(model, ct)).FirstOrDefault(v => v.DatasetId == datasetId) is { } current)
            return new(null, $"dataset drift, but v{current.Version} was trained on the current data: retrain skipped");
        var reason = $"dataset drift in the window from {window.Start:yyyy-MM-dd}: {window.Drifted} of {window.Judged} inputs in alert";
        await queue.EnsureSchemaAsync(ct);
        var job = await queue.EnqueueAsync(model, target.Name(), reason, datasetId, ct);
        return job is null ? new(null, "dataset drift; a retrain on this data is already queued") : new(job, reason);
    }
}
