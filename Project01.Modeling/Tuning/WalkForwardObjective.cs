using Project01.Modeling.CrossValidation;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Training;

namespace Project01.Modeling.Tuning;

/// <summary>
/// A study's objective for one algorithm: the mean validation loss (<see cref="TuningLoss"/>) of a setting over purged
/// walk-forward folds of the examples given (train + validation, never the test span). The folds are cut once, so
/// every trial is scored on the same ones; each fold's loss is reported as it comes, so the pruner can stop a poor
/// setting before its later, larger folds are fitted.
/// </summary>
public sealed class WalkForwardObjective
{
    private readonly SupervisedDataset _dataset;
    private readonly TunableModel _model;
    private readonly List<(IReadOnlyList<Example> Train, IReadOnlyList<Example> Test)> _folds;

    public WalkForwardObjective(SupervisedDataset dataset, IReadOnlyList<Example> examples, TunableModel model, WalkForwardOptions options)
    {
        _dataset = dataset;
        _model = model;
        Folds = PurgedWalkForward.Split(examples, options);
        _folds = [];
        foreach (var fold in Folds)
        {
            IReadOnlyList<Example> train = ForecasterTraining.FitLabels(dataset, [.. fold.Train.Select(n => examples[n])]);
            _folds.Add((train, fold.Test.Select(n => examples[n]).ToList()));
        }
    }

    public IReadOnlyList<WalkForwardFold> Folds { get; }

    public double Evaluate(Trial trial)
    {
        var config = _model.Config(trial.Parameters);
        for (var k = 0; k < _folds.Count; k++)
        {
            var (train, test) = _folds[k];
            var model = _model.Trainer.Fit(train, _dataset.Inputs, config);
            double[] predicted;
            try
            {
                predicted = model.Predict([.. test.Select(e => e.Features)]);
            }
            finally
            {
                (model as IDisposable)?.Dispose();
            }
            trial.Report(k, TuningLoss.Of(_dataset.Target, test, predicted));
        }
        return trial.StepLosses.Average();
    }
}
