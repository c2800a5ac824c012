using Project01.Core.Forecasting;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining.Decay;
using Project01.Monitoring.Drift;

namespace Project01.ModelTraining.Jobs;

/// <summary>
/// Drift acted on: when a champion's newest window is dataset drift (at least half its inputs in alert), or its realised
/// performance has decayed (<see cref="PerformanceDecay"/>), a retrain on the current data is queued — unless a version
/// was already trained on exactly that data (retraining on unchanged data would learn nothing new) or a job for it is
/// already queued.
/// </summary>
public sealed class DriftRetraining(OfflineFeatureStore offline, ModelRegistryStore registry, TrainingJobQueue queue)
{
    public sealed record Decision(TrainingJob? Job, string Why);

    public Task<Decision> OnReportAsync(string model, DriftAnalysis analysis, CancellationToken ct) =>
        analysis.Dataset.LastOrDefault() is not { DatasetDrift: true } window
            ? Task.FromResult(new Decision(null, "no dataset drift"))
            : QueueAsync(model, "dataset drift", $"dataset drift in the window from {window.Start:yyyy-MM-dd}: {window.Drifted} of {window.Judged} inputs in alert", ct);

    public Task<Decision> OnDecayAsync(DecayCheck check, CancellationToken ct) =>
        check.Decayed
            ? QueueAsync(check.Model, "performance decay", check.Describe(), ct)
            : Task.FromResult(new Decision(null, "no performance decay"));

    private async Task<Decision> QueueAsync(string model, string what, string reason, CancellationToken ct)
    {
        ForecastTarget target;
        try { (target, _) = ForecastTrainingJob.ParseModelName(model); }
        catch (ArgumentException e) { return new(null, $"{what}, but {model} cannot be retrained here: {e.Message}"); }
        var watermarks = await offline.GetWatermarksAsync(FeatureView.Price, ct);
        var datasetId = ForecastTrainingJob.DatasetIdOf(watermarks, target);
        if ((await registry.ListAsync(model, ct)).FirstOrDefault(v => v.DatasetId == datasetId) is { } current)
            return new(null, $"{what}, but v{current.Version} was trained on the current data: retrain skipped");
        await queue.EnsureSchemaAsync(ct);
        var job = await queue.EnqueueAsync(model, target.Name(), reason, datasetId, ct);
        return job is null ? new(null, $"{what}; a retrain on this data is already queued") : new(job, reason);
    }
}
