using Microsoft.Extensions.Options;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Inference.Extensions;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.Onnx;
using Project01.Onnx.Explanations;
using Project01.Serving.Forecasting;

namespace Project01.Inference.Models;

/// <summary>
/// Follows the registry: when the served alias (or the shadow alias) of a model points at another version, loads it
/// and swaps it in; when the shadow alias is removed, stops shadowing. A version that cannot be served is logged and
/// the previous one keeps serving.
/// </summary>
public sealed partial class ModelWatcher(
    ModelRegistryStore registry, ModelArtifacts artifacts, ModelCatalog catalog, ServedModels served, OfflineFeatureStore offline,
    IOptions<InferenceOptions> options, ILogger<ModelWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var slots = new List<(string Alias, string Slot)> { (o.Alias, Aliases.Champion) };
        if (!string.IsNullOrWhiteSpace(o.ShadowAlias)) slots.Add((o.ShadowAlias, Aliases.Challenger));
        await registry.EnsureSchemaAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.PollSeconds));
        do
        {
            foreach (var (name, key) in await ServedNamesAsync(stoppingToken))
                foreach (var (alias, slot) in slots)
                {
                    try
                    {
                        await RefreshAsync(name, key, alias, slot, o.PreferCuda, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogLoadFailed(logger, name, alias, e);
                    }
                }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The daily models, and the intraday ones for every intraday price view that has features.</summary>
    private async Task<List<(string Name, string Key)>> ServedNamesAsync(CancellationToken ct)
    {
        var names = served.Models.Select(m => (m.Name, Key: served.KeyOf(m.Name))).ToList();
        if (served.IntradayModels.Count == 0) return names;
        try
        {
            var intervals = (await offline.GetWatermarksAsync(null, ct)).Select(w => w.View).Distinct()
                .Select(FeatureView.PriceIntervalOf).OfType<BarInterval>().Where(i => !i.IsDaily);
            foreach (var interval in intervals) names.AddRange(served.IntradayAt(interval));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIntradayLookupFailed(logger, e); // the daily models still refresh
        }
        return names;
    }

    private async Task RefreshAsync(string name, string key, string alias, string slot, bool preferCuda, CancellationToken ct)
    {
        var version = await registry.GetByAliasAsync(name, alias, ct);
        var current = catalog.Get(key, slot);
        if (version is null)
        {
            if (slot == Aliases.Challenger && current?.Version.Name == name) catalog.Remove(key, slot);
            return;
        }
        if (current is not null && current.Version.Name == version.Name && current.Version.Version == version.Version) return;
        if (!InputAssembler.CanServe(version.Inputs, out var reason))
            throw new InvalidDataException($"{name} v{version.Version} cannot be served per symbol: {reason}");

        var bytes = await artifacts.ReadAsync(version.ArtifactPath, version.OnnxSha256, ct);
        var session = new OnnxRegressor(bytes, preferCuda);
        if (session.FeatureCount != version.Inputs.Count)
        {
            session.Dispose();
            throw new InvalidDataException($"{name} v{version.Version}: ONNX expects {session.FeatureCount} inputs, registry lists {version.Inputs.Count}");
        }
        var explainer = ForecastExplainers.Load(bytes, out var notExplainable);
        catalog.Swap(new LoadedModel(version, slot, session, DateTime.UtcNow) { Explainer = explainer, NotExplainable = notExplainable }, key);
        LogLoaded(logger, name, version.Version, alias, session.ExecutionProvider, session.ExecutionProviderNote, current?.Version.Version);
    }

    [LoggerMessage(LogLevel.Information, "Serving {Name} v{Version} ({Alias}) on {Provider}: {ProviderNote} (replaced v{Previous})")]
    private static partial void LogLoaded(ILogger logger, string name, int version, string alias, string provider, string providerNote, int? previous);

    [LoggerMessage(LogLevel.Warning, "Could not list the intraday feature views; serving the daily models only for now")]
    private static partial void LogIntradayLookupFailed(ILogger logger, Exception e);

    [LoggerMessage(LogLevel.Error, "Could not load {Name}@{Alias}; still serving the previous model if any")]
    private static partial void LogLoadFailed(ILogger logger, string name, string alias, Exception e);
}
