using System.Globalization;
using Project01.Core.Forecasting;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Datasets;
using Project01.Monitoring.Drift;

namespace Project01.Monitoring.Drift;

/// <summary>
/// Checks a registered model for drift: its reference is the span it was trained on (features up to its
/// <c>train_end</c>), its current span everything after its <c>validation_end</c> — what it forecasts from now.
/// Only the model's inputs that the feature view stores are compared (derived inputs such as HAR's follow from them).
/// </summary>
public sealed class DriftMonitor(OfflineFeatureStore offline, ModelRegistryStore registry, DriftReportStore reports)
{
    /// <summary>Identity of the data a check reads: the view's watermarks and the model version.</summary>
    public async Task<string> DataIdAsync(ModelVersion model, CancellationToken ct)
    {
        var view = ViewOf(model);
        return DatasetIdentity.Compute(view.Key, await offline.GetWatermarksAsync(view, ct), $"drift:{model.Name}:v{model.Version}", model.Inputs);
    }

    /// <summary>The version an alias points at (champion by default), or the given version.</summary>
    public async Task<ModelVersion> ResolveAsync(string name, int? version, CancellationToken ct) =>
        version is { } v
            ? await registry.GetVersionAsync(name, v, ct) ?? throw new KeyNotFoundException($"model {name} has no version {v}")
            : await registry.GetByAliasAsync(name, Aliases.Champion, ct) ?? throw new KeyNotFoundException($"model {name} has no champion");

    public async Task<DriftAnalysis> AnalyzeAsync(ModelVersion model, DriftThresholds? thresholds, CancellationToken ct)
    {
        var view = ViewOf(model);
        var features = model.Inputs.Where(view.Features.Contains).ToList();
        if (features.Count == 0) throw new InvalidOperationException($"{model.Name} v{model.Version} reads none of the {view.Key} features");
        var rows = new List<FeatureObservation>();
        await foreach (var row in offline.ReadAsync(view, null, null, null, ct)) rows.Add(new FeatureObservation(row.Symbol, row.EventTime, row.Values));
        if (rows.Count == 0) throw new InvalidOperationException($"the offline store has no {view.Key} features");
        return FeatureDriftAnalyzer.Analyze(rows, view.Features, features, Date(model, "train_end"), Date(model, "validation_end"), thresholds);
    }

    /// <summary>Analyses and stores a report (under <paramref name="dataId"/> when the caller has it already).</summary>
    public async Task<DriftReport> RunAsync(ModelVersion model, CancellationToken ct, string? dataId = null)
    {
        dataId ??= await DataIdAsync(model, ct);
        var analysis = await AnalyzeAsync(model, null, ct);
        return await reports.SaveAsync(model.Name, model.Version, dataId, analysis, ct);
    }

    private static FeatureView ViewOf(ModelVersion model) =>
        model.Parameters.TryGetValue("feature_view", out var key) ? FeatureView.Find(key) : FeatureView.Price;

    private static DateTime Date(ModelVersion model, string parameter) =>
        model.Parameters.TryGetValue(parameter, out var text) && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new InvalidOperationException($"{model.Name} v{model.Version} does not record its {parameter}; drift needs the span it was trained on");
}
