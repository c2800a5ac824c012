using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Forecasters.Linear;
using Project01.Modeling.Forecasters.XGBoost;

namespace Project01.Modeling.Tuning;

/// <summary>An algorithm with the ranges worth searching and how a sampled setting becomes its <see cref="ModelConfig"/>.</summary>
public sealed record TunableModel(IForecasterTrainer Trainer, SearchSpace Space, Func<TrialParameters, ModelConfig> Config);

/// <summary>
/// The search spaces of the tunable algorithms. Ranges are wide around the hand-picked grids the training recipe uses
/// (<see cref="LightGbmParameters.SearchSpace"/> and the like); counts, rates and penalties are log-scaled because
/// their effect is multiplicative. Seeds stay fixed so a setting's score is a property of the setting.
/// </summary>
public static class TunableModels
{
    public static IReadOnlyList<string> Algorithms { get; } = [ForecasterCatalog.LightGbm, ForecasterCatalog.XGBoost, ForecasterCatalog.Ridge];

    public static TunableModel Create(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        ForecasterCatalog.LightGbm => new(new LightGbmForecasterTrainer(), new SearchSpace(
            [
                new IntParameter("iterations", 20, 1000, Log: true),
                new IntParameter("leaves", 2, 64, Log: true),
                new IntParameter("min_leaf_examples", 5, 300, Log: true),
                new FloatParameter("learning_rate", 0.005, 0.3, Log: true),
            ]),
            p => new LightGbmParameters(p.Int("iterations"), p.Int("leaves"), p.Int("min_leaf_examples"), p.Float("learning_rate"))),
        ForecasterCatalog.XGBoost => new(new XGBoostTrainer(), new SearchSpace(
            [
                new IntParameter("rounds", 20, 1000, Log: true),
                new IntParameter("max_depth", 1, 8),
                new FloatParameter("eta", 0.005, 0.3, Log: true),
                new FloatParameter("min_child_weight", 1, 300, Log: true),
                new FloatParameter("lambda", 0.01, 100, Log: true),
                new FloatParameter("subsample", 0.5, 1),
            ]),
            p => new XGBoostConfig(p.Int("rounds"), p.Int("max_depth"), p.Float("eta"), p.Float("min_child_weight"), p.Float("lambda"), p.Float("subsample"))),
        ForecasterCatalog.Ridge => new(new RidgeTrainer(), new SearchSpace([new FloatParameter("alpha", 1e-6, 100, Log: true)]),
            p => new RidgeConfig(p.Float("alpha"))),
        _ => throw new ArgumentException($"no search space for model '{algorithm}' (tunable: {string.Join(", ", Algorithms)})"),
    };
}
