using System.Collections.Concurrent;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Forecasters.Linear;
using Project01.Modeling.Forecasters.Naive;
using Project01.Modeling.Forecasters.Selection;
using Project01.Modeling.Forecasters.XGBoost;

namespace Project01.Modeling.Forecasters;

/// <summary>The algorithms by name, as the CLI, the training API and the registry spell them.</summary>
public static class ForecasterCatalog
{
    public const string Naive = "naive";
    public const string Ridge = "ridge";
    public const string Har = "har";
    public const string LightGbm = "lightgbm";
    public const string XGBoost = "xgboost";

    /// <summary>The candidate best on validation among <see cref="AutoCandidates"/> (<see cref="ValidationSelectionTrainer"/>).</summary>
    public const string Auto = "auto";

    private static readonly string[] BuiltIn = [Naive, Har, Ridge, LightGbm, XGBoost, Auto];

    /// <summary>Algorithms of libraries this one cannot reference (the deep forecasters, which need libtorch), added by the
    /// hosts that train them at start-up.</summary>
    private static readonly ConcurrentDictionary<string, Func<ForecastTarget, IForecasterTrainer>> Registered = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Algorithms => [.. BuiltIn, .. Registered.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds an algorithm whose trainer is built for one target (idempotent: registering a name again replaces it).</summary>
    public static void Register(string algorithm, Func<ForecastTarget, IForecasterTrainer> create) => Registered[algorithm.ToLowerInvariant()] = create;

    /// <summary>What "auto" chooses from: the algorithms that need no native library beyond the training service's own
    /// (XGBoost's is optional on a machine), each where it can forecast the target.</summary>
    public static IReadOnlyList<string> AutoCandidates { get; } = [Har, Ridge, LightGbm];

    public static IForecasterTrainer Create(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        Naive => new NaiveTrainer(),
        Ridge => new RidgeTrainer(),
        Har => new HarTrainer(),
        LightGbm => new LightGbmForecasterTrainer(),
        XGBoost => new XGBoostTrainer(),
        Auto => new ValidationSelectionTrainer([.. AutoCandidates.Select(a => Create(a))]),
        var name when Registered.ContainsKey(name) => throw new ArgumentException($"'{name}' is trained for one target at a time: name the target too"),
        _ => throw new ArgumentException($"unknown model '{algorithm}' (known: {string.Join(", ", Algorithms)})"),
    };

    /// <summary>The trainer of an algorithm that can forecast <paramref name="target"/>, or an error saying why not.</summary>
    public static IForecasterTrainer Create(string algorithm, ForecastTarget target)
    {
        var trainer = Registered.TryGetValue(algorithm.ToLowerInvariant(), out var create) ? create(target) : Create(algorithm);
        return trainer.Targets.Contains(target) ? trainer : throw Unsupported(trainer, target);
    }

    internal static ArgumentException Unsupported(IForecasterTrainer trainer, ForecastTarget target) =>
        new($"{trainer.Algorithm} forecasts {string.Join(" or ", trainer.Targets.Select(t => t.Name()))} only, not {target.Name()}" +
            (trainer.Targets.SequenceEqual([ForecastTarget.Vol5]) ? " (it is a model of realized volatility)" : ""));
}
