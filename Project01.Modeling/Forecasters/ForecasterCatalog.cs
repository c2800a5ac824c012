using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Forecasters.Linear;
using Project01.Modeling.Forecasters.Naive;
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

    public static IReadOnlyList<string> Algorithms { get; } = [Naive, Har, Ridge, LightGbm, XGBoost];

    public static IForecasterTrainer Create(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        Naive => new NaiveTrainer(),
        Ridge => new RidgeTrainer(),
        Har => new HarTrainer(),
        LightGbm => new LightGbmForecasterTrainer(),
        XGBoost => new XGBoostTrainer(),
        _ => throw new ArgumentException($"unknown model '{algorithm}' (known: {string.Join(", ", Algorithms)})"),
    };
}
