using Microsoft.Extensions.Options;
using Project01.Inference.Extensions;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Datasets;
using Project01.Modeling.Onnx;
using Project01.ModelRegistry.Training;

namespace Project01.Inference.Models;

/// <summary>Follows the registry: when the served alias points at another version, loads it and swaps it in.</summary>
public sealed partial class ModelWatcher(
    ModelRegistryStore registry, ModelArtifacts artifacts, ModelCatalog catalog, IOptions<InferenceOptions> options, ILogger<ModelWatcher> logger)
    : BackgroundService
{
    private static readonly string[] Models = [ForecastTrainingJob.ModelName(ForecastTarget.Ret1, "lightgbm")];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        await registry.EnsureSchemaAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.PollSeconds));
        do
        {
            foreach (var name in Models)
            {
                try
                {
                    await RefreshAsync(name, o, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLoadFailed(logger, name, o.Alias, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(string name, InferenceOptions o, CancellationToken ct)
    {
        var version = await registry.GetByAliasAsync(name, o.Alias, ct);
        if (version is null) return;
        var current = catalog.Get(version.Target);
        if (current is not null && current.Version.Name == version.Name && current.Version.Version == version.Version) return;

        var bytes = await artifacts.ReadAsync(version.ArtifactPath, version.OnnxSha256, ct);
        var session = new OnnxRegressor(bytes, o.PreferCuda);
        if (session.FeatureCount != version.Inputs.Count)
        {
            session.Dispose();
            throw new InvalidDataException($"{name} v{version.Version}: ONNX expects {session.FeatureCount} inputs, registry lists {version.Inputs.Count}");
        }
        catalog.Swap(new LoadedModel(version, o.Alias, session, DateTime.UtcNow));
        LogLoaded(logger, name, version.Version, o.Alias, session.ExecutionProvider, session.ExecutionProviderNote, current?.Version.Version);
    }

    [LoggerMessage(LogLevel.Information, "Serving {Name} v{Version} ({Alias}) on {Provider}: {ProviderNote} (replaced v{Previous})")]
    private static partial void LogLoaded(ILogger logger, string name, int version, string alias, string provider, string providerNote, int? previous);

    [LoggerMessage(LogLevel.Error, "Could not load {Name}@{Alias}; still serving the previous model if any")]
    private static partial void LogLoadFailed(ILogger logger, string name, string alias, Exception e);
}
