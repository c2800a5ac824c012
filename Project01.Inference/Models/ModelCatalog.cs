using System.Collections.Concurrent;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Onnx;

namespace Project01.Inference.Models;

/// <summary>A model ready to serve: its registry record and its ONNX Runtime session.</summary>
public sealed record LoadedModel(ModelVersion Version, string Alias, OnnxRegressor Session, DateTime LoadedAt);

/// <summary>
/// The models being served, by target. A swap replaces the reference atomically: a request that already holds the old
/// model finishes with it, and the old session is disposed only after a grace period.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, LoadedModel> _byTarget = new(StringComparer.Ordinal);

    public LoadedModel? Get(string target) => _byTarget.GetValueOrDefault(target);

    public IReadOnlyCollection<LoadedModel> All => _byTarget.Values.ToList();

    public void Swap(LoadedModel model)
    {
        LoadedModel? previous = null;
        _byTarget.AddOrUpdate(model.Version.Target, model, (_, old) => { previous = old; return model; });
        if (previous is not null)
            _ = Task.Delay(DisposeGrace).ContinueWith(_ => previous.Session.Dispose(), TaskScheduler.Default);
    }
}
