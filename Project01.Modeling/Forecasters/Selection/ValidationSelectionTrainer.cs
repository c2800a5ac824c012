using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Forecasters.Selection;

/// <summary>
/// "auto": the algorithm itself is a hyper-parameter. Its search space is every candidate's settings for the target,
/// so the training recipe fits each on the train span and keeps the one best on validation (QLIKE for vol5, the same
/// measure and the same data as any single algorithm) — model choice without peeking at the test span. The chosen
/// algorithm is recorded with its setting (<c>algorithm=lightgbm</c>).
/// </summary>
public sealed class ValidationSelectionTrainer(IReadOnlyList<IForecasterTrainer> candidates) : IForecasterTrainer
{
    public string Algorithm => ForecasterCatalog.Auto;

    public IReadOnlyList<ForecastTarget> Targets { get; } = [.. candidates.SelectMany(c => c.Targets).Distinct()];

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) =>
    [
        .. candidates.Where(c => c.Targets.Contains(dataset.Target))
            .SelectMany(c => c.SearchSpace(dataset).Select(config => new CandidateConfig(c, config))),
    ];

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config) =>
        config is CandidateConfig candidate
            ? candidate.Trainer.Fit(examples, inputs, candidate.Setting)
            : throw new ArgumentException($"{Algorithm} fits only its own candidates' settings, not {config.GetType().Name}", nameof(config));

    /// <summary>One candidate algorithm with one of its settings.</summary>
    public sealed record CandidateConfig(IForecasterTrainer Trainer, ModelConfig Setting) : ModelConfig
    {
        public const string AlgorithmKey = "algorithm";

        public override IReadOnlyDictionary<string, string> Describe() =>
            new Dictionary<string, string>(Setting.Describe()) { [AlgorithmKey] = Trainer.Algorithm };
    }
}
