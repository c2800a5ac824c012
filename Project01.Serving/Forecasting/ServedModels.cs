using Project01.Core.Market;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>
/// The registry models this API serves and the targets they forecast, read from the model names with the registry's
/// grammar (<see cref="ModelNames"/>): a target is served exactly when a configured model forecasts it. A malformed name
/// or an unknown target fails at start-up. Intraday models are named like daily ones (<c>ret1-lightgbm</c>) and served
/// for every intraday interval that has features, as <c>ret1-lightgbm-5m</c> and so on.
/// </summary>
public sealed class ServedModels
{
    public ServedModels(IEnumerable<string> modelNames, IEnumerable<string>? intradayModelNames = null)
    {
        Models = [.. modelNames.Select(name => (name, ModelNames.Parse(name).Target.Name()))];
        Targets = [.. Models.Select(m => m.Target).Distinct(StringComparer.Ordinal)];
        IntradayModels = [.. (intradayModelNames ?? []).Select(name => (name, ModelNames.Parse(name).Target.Name()))];
    }

    public IReadOnlyList<(string Name, string Target)> IntradayModels { get; }

    /// <summary>The models of one intraday interval: each intraday name with the interval appended, under its catalogue key.</summary>
    public IEnumerable<(string Name, string Key)> IntradayAt(BarInterval interval) =>
        IntradayModels.Select(m =>
        {
            var (target, algorithm) = ModelNames.Parse(m.Name);
            return (ModelNames.Of(target, algorithm, interval), ModelCatalog.Key(m.Target, interval));
        });

    public bool Serves(string target, BarInterval interval) =>
        interval.IsDaily ? Serves(target) : IntradayModels.Any(m => m.Target == target);

    public IReadOnlyList<(string Name, string Target)> Models { get; }

    /// <summary>Where a configured model is served: the first model of a target answers for the target itself
    /// (<c>/v1/forecast/SPX?target=vol5</c>); any other model of that target is served by name beside it
    /// (<c>?target=vol5&amp;model=vol5-tft</c>).</summary>
    public string KeyOf(string name)
    {
        var (_, target) = Models.First(m => m.Name == name);
        return Models.First(m => m.Target == target).Name == name ? target : name;
    }

    /// <summary>Whether <paramref name="name"/> is a configured model of <paramref name="target"/>.</summary>
    public bool ServesModel(string target, string name) => Models.Any(m => m.Name == name && m.Target == target);

    /// <summary>Targets in the order their models are configured.</summary>
    public IReadOnlyList<string> Targets { get; }

    public bool Serves(string target) => Targets.Contains(target, StringComparer.Ordinal);
}
