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
/// Only the inputs the model actually uses are compared, derived ones (HAR's) computed as the dataset builder does.
/// </summary>
public sealed class DriftMonitor(OfflineFeatureStore offline, ModelRegistryStore registry, DriftReportStore reports, DriftMetrics? metrics = null)
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
        var inputs = UsedInputs(model);
        if (inputs.Count == 0) throw new InvalidOperationException($"{model.Name} v{model.Version} uses none of its inputs");
        var rows = new List<FeatureObservation>();
        await foreach (var row in offline.ReadAsync(view, null, null, null, ct)) rows.Add(new FeatureObservation(row.Symbol, row.EventTime, row.Values));
        if (rows.Count == 0) throw new InvalidOperationException($"the offline store has no {view.Key} features");
        var analysis = FeatureDriftAnalyzer.Analyze(InputRows(rows, view.Features, inputs), inputs, inputs, Date(model, "train_end"), Date(model, "validation_end"), thresholds);
        var close = view.Features.ToList().IndexOf("close");
        return close < 0 ? analysis : analysis with { Quality = [.. analysis.Quality, .. SplitQuality.Check(rows, close, Date(model, "validation_end"))] };
    }

    /// <summary>
    /// The inputs a model actually uses: those whose shuffling changed its test error (permutation importance ≠ 0), so
    /// HAR-RV is judged on its three realized volatilities rather than on eleven view features it ignores. Cross-sectional
    /// ranks are left out (uniform on every day by construction, they cannot drift); a version without importances is
    /// judged on all its inputs.
    /// </summary>
    public static IReadOnlyList<string> UsedInputs(ModelVersion model) =>
    [
        .. model.Inputs.Where(i => !DerivedFeatures.IsCrossSectional(i)
            && (model.Importances is not { Count: > 0 } importances || importances.GetValueOrDefault(i) != 0)),
    ];

    /// <summary>Each row with the model's inputs as the dataset builder computes them (view features, or derived per symbol
    /// from its own history such as HAR's realized volatilities).</summary>
    public static List<FeatureObservation> InputRows(IReadOnlyList<FeatureObservation> rows, IReadOnlyList<string> viewFeatures, IReadOnlyList<string> inputs)
    {
        var result = new List<FeatureObservation>(rows.Count);
        foreach (var symbol in rows.GroupBy(r => r.Symbol))
        {
            var history = symbol.OrderBy(r => r.EventTime).ToList();
            var columns = inputs.Select(i => DerivedFeatures.Column(i, history, viewFeatures)).ToArray();
            for (var n = 0; n < history.Count; n++)
                result.Add(new FeatureObservation(history[n].Symbol, history[n].EventTime, [.. columns.Select(c => c[n])]));
        }
        return result;
    }

    /// <summary>Analyses and stores a report (under <paramref name="dataId"/> when the caller has it already).</summary>
    public async Task<DriftReport> RunAsync(ModelVersion model, CancellationToken ct, string? dataId = null)
    {
        dataId ??= await DataIdAsync(model, ct);
        var analysis = await AnalyzeAsync(model, null, ct);
        metrics?.Report(model.Name, analysis);
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
