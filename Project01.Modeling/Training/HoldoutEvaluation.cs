using Project01.Core.Forecasting;
using Project01.Modeling.CrossValidation;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Forecasters;

namespace Project01.Modeling.Training;

/// <summary>A span of a dataset: first and last feature date, and the number of examples.</summary>
public sealed record SpanSummary(DateTime Start, DateTime End, int Examples)
{
    public static SpanSummary Of(IReadOnlyList<Example> examples) => examples.Count == 0
        ? new SpanSummary(default, default, 0)
        : new SpanSummary(examples.Min(e => e.FeatureTime), examples.Max(e => e.FeatureTime), examples.Count);
}

/// <summary>What <see cref="HoldoutEvaluation"/> found: the spans, the chosen setting, and the test measures of the
/// model and of the naive baseline side by side.</summary>
public sealed record HoldoutReport(
    ForecastTarget Target,
    string Algorithm,
    int Symbols,
    bool Panel,
    IReadOnlyList<string> Inputs,
    SpanSummary Train,
    SpanSummary Validation,
    SpanSummary Test,
    IReadOnlyDictionary<string, string> Parameters,
    string SelectionMeasure,
    double ValidationScore,
    IReadOnlyDictionary<string, double> ModelMetrics,
    IReadOnlyDictionary<string, double> NaiveMetrics,
    double OnnxParityMaxAbs,
    TrainedForecaster Trained)
{
    /// <summary>Purged walk-forward folds over train + validation with the chosen setting (empty unless asked for).</summary>
    public IReadOnlyList<WalkForwardResult> WalkForward { get; init; } = [];
}

/// <summary>
/// Train / validation / test by date for one algorithm: labels up to <c>trainEnd</c> train, labels up to
/// <c>validationEnd</c> tune, everything whose features come after <c>validationEnd</c> is the untouched test span.
/// </summary>
public static class HoldoutEvaluation
{
    public static HoldoutReport Run(IReadOnlyList<FeatureObservation> history, IReadOnlyList<string> viewFeatures, ForecastTarget target, string algorithm,
        DateTime trainEnd, DateTime validationEnd, IReadOnlyList<string>? inputs = null, IProgress<string>? progress = null, int walkForwardFolds = 0,
        int? embargo = null)
    {
        if (trainEnd >= validationEnd) throw new ArgumentException($"the train end ({trainEnd:yyyy-MM-dd}) must come before the validation end ({validationEnd:yyyy-MM-dd})");
        var trainer = ForecasterCatalog.Create(algorithm, target);
        var symbols = history.Select(h => h.Symbol).Distinct().Count();
        var panel = PanelShape.IsPanel(history.Select(h => h.EventTime));
        inputs ??= trainer.InputsFor(target, panel) ?? ModelInputs.For(target, panel);
        var dataset = DatasetBuilder.Build(history, viewFeatures, target, inputs, new DatasetSplits(trainEnd, validationEnd));
        progress?.Report($"{symbols} symbol(s), {dataset.Examples.Count} examples: {dataset.Count(Split.Train)} train, {dataset.Count(Split.Validation)} validation, {dataset.Count(Split.Test)} test");
        var trained = ForecasterTraining.Train(dataset, trainer, progress);
        IReadOnlyList<WalkForwardResult> walkForward = [];
        if (walkForwardFolds > 0)
        {
            // Never the test span: the folds cut train + validation, with the setting chosen there.
            List<Example> seen = [.. dataset.Part(Split.Train), .. dataset.Part(Split.Validation)];
            var options = WalkForwardOptions.Over(seen, walkForwardFolds, target.Horizon(), embargo);
            walkForward = WalkForwardEvaluation.Run(dataset, seen, trainer, trained.Config!, options, progress);
        }
        return new HoldoutReport(target, trainer.Algorithm, symbols, dataset.IsPanel, dataset.Inputs,
            SpanSummary.Of([.. dataset.Part(Split.Train)]), SpanSummary.Of([.. dataset.Part(Split.Validation)]), SpanSummary.Of([.. dataset.Part(Split.Test)]),
            trained.Parameters, ForecastEvaluation.SelectionMeasure(target, dataset.IsPanel), trained.Metrics["validation_score"],
            Prefixed(trained.Metrics, "test_"), Prefixed(trained.Metrics, "naive_test_"), trained.Metrics["onnx_parity_max_abs"], trained)
        {
            WalkForward = walkForward,
        };
    }

    private static Dictionary<string, double> Prefixed(IReadOnlyDictionary<string, double> metrics, string prefix) =>
        metrics.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
