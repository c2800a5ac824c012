using Project01.Core.Market;
using System.Collections.Concurrent;
using Project01.ModelRegistry.Registry;
using Project01.Onnx;
using Project01.Onnx.Explanations;

namespace Project01.Serving.Forecasting;

/// <summary>A model ready to serve: its registry record, the alias it is served under and its ONNX Runtime session.</summary>
public sealed record LoadedModel(ModelVersion Version, string Alias, OnnxRegressor Session, DateTime LoadedAt)
{
    /// <summary>What explains its forecasts (read from the same ONNX file), or null with the reason in <see cref="NotExplainable"/>.</summary>
    public IForecastExplainer? Explainer { get; init; }

    public string NotExplainable { get; init; } = "no explainer was loaded with the model";
}

/// <summary>
/// The models being served, by target (<c>ret1</c>; <c>ret1-5m</c> for 5-minute bars) and alias (the champion answers;
/// a challenger is scored in its shadow). A swap
/// replaces the reference atomically: a request that already holds the old model finishes with it, and the old session
/// is disposed only after a grace period, so hot swaps drop no request.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<(string Target, string Alias), LoadedModel> _models = new();

    public LoadedModel? Get(string target, string alias) => _models.GetValueOrDefault((target, alias));

    public LoadedModel? Get(string target, BarInterval interval, string alias) => Get(Key(target, interval), alias);

    /// <summary>The catalogue's key of a target over bars of an interval: the target for daily bars, else
    /// <c>target-interval</c>.</summary>
    public static string Key(string target, BarInterval interval) => interval.IsDaily ? target : $"{target}-{interval}";

    private static string KeyOf(ModelVersion version) => Key(version.Target, ModelNames.IntervalOf(version.Name));

    public IReadOnlyCollection<LoadedModel> All => [.. _models.Values.OrderBy(m => m.Version.Target, StringComparer.Ordinal).ThenBy(m => m.Alias, StringComparer.Ordinal)];

    public IReadOnlyCollection<string> Targets => [.. _models.Keys.Select(k => k.Target).Distinct().Order(StringComparer.Ordinal)];

    /// <param name="key">Where it is served: by default its target's key; a model served beside its target's by name
    /// (<see cref="ServedModels.KeyOf"/>) passes its name.</param>
    public void Swap(LoadedModel model, string? key = null)
    {
        LoadedModel? previous = null;
        _models.AddOrUpdate((key ?? KeyOf(model.Version), model.Alias), model, (_, old) => { previous = old; return model; });
        if (previous is not null) Retire(previous);
    }

    /// <summary>Stops serving an alias (e.g. the challenger was removed).</summary>
    public void Remove(string target, string alias)
    {
        if (_models.TryRemove((target, alias), out var previous)) Retire(previous);
    }

    private static void Retire(LoadedModel previous) =>
        _ = Task.Delay(DisposeGrace).ContinueWith(_ => previous.Session.Dispose(), TaskScheduler.Default);
}
