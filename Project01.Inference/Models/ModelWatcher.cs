using Microsoft.Extensions.Options;
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
    ModelRegistryStore registry, ModelArtifacts artifacts, ModelCatalog catalog, ServedModels served, IOptions<InferenceOptions> options,
    ILogger<ModelWatcher> logger)
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
            foreach (var (name, target) in served.Models)
                foreach (var (alias, slot) in slots)
                {
                    try
                    {
                        await RefreshAsync(name, target, alias, slot, o.PreferCuda, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogLoadFailed(logger, name, alias, e);
                    }
                }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(string name, string target, string alias, string slot, bool preferCuda, CancellationToken ct)
    {
        var version = await registry.GetByAliasAsync(name, alias, ct);
        var current = catalog.Get(target, slot);
        if (version is null)
        {
            if (slot == Aliases.Challenger && current?.Version.Name == name) catalog.Remove(target, slot);
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
        catalog.Swap(new LoadedModel(version, slot, session, DateTime.UtcNow) { Explainer = explainer, NotExplainable = notExplainable });
        LogLoaded(logger, name, version.Version, alias, session.ExecutionProvider, session.ExecutionProviderNote, current?.Version.Version);
    }

    [LoggerMessage(LogLevel.Information, "Serving {Name} v{Version} ({Alias}) on {Provider}: {ProviderNote} (replaced v{Previous})")]
    private static partial void LogLoaded(ILogger logger, string name, int version, string alias, string provider, string providerNote, int? previous);

    [LoggerMessage(LogLevel.Error, "Could not load {Name}@{Alias}; still serving the previous model if any")]
    private static partial void LogLoadFailed(ILogger logger, string name, string alias, Exception e);
}
