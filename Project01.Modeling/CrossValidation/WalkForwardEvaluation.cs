using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Training;

namespace Project01.Modeling.CrossValidation;

/// <summary>One fold's result: its test span, sizes, what purging and the embargo removed, and the test measures.</summary>
public sealed record WalkForwardResult(WalkForwardFold Fold, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// How stable one model setting is through time: fits it on each purged walk-forward fold of the given examples
/// (normally train + validation, never the test span) and measures each fold's test block the way
/// <see cref="ForecastEvaluation"/> does.
/// </summary>
public static class WalkForwardEvaluation
{
    public static IReadOnlyList<WalkForwardResult> Run(SupervisedDataset dataset, IReadOnlyList<Example> examples, IForecasterTrainer trainer,
        ModelConfig config, WalkForwardOptions options, IProgress<string>? progress = null)
    {
        var results = new List<WalkForwardResult>();
        foreach (var fold in PurgedWalkForward.Split(examples, options))
        {
            var train = fold.Train.Select(n => examples[n]).ToList();
            var test = fold.Test.Select(n => examples[n]).ToList();
            var model = trainer.Fit(ForecasterTraining.FitLabels(dataset, train), dataset.Inputs, config);
            var predicted = model.Predict(test.Select(e => e.Features).ToList());
            (model as IDisposable)?.Dispose();
            var metrics = ForecastEvaluation.Measure(dataset.Target, dataset.IsPanel, test, predicted);
            progress?.Report($"fold {fold.Index}: test {fold.TestStart:yyyy-MM-dd}..{fold.TestEnd:yyyy-MM-dd}, {train.Count} train ({fold.Purged} purged, {fold.Embargoed} embargoed), {test.Count} test");
            results.Add(new WalkForwardResult(fold, metrics));
        }
        return results;
    }
}
