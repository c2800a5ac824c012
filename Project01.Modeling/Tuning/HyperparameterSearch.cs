using Project01.Core.Forecasting;
using Project01.Modeling.CrossValidation;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Training;

namespace Project01.Modeling.Tuning;

/// <summary>What to tune and how: the algorithm and target, the split dates (as for evaluation), the trial budget, the
/// number of walk-forward folds, the sampler (tpe or random), its seed, how many trials at once, and whether to prune.</summary>
public sealed record TuningRequest(string Algorithm, ForecastTarget Target, DateTime TrainEnd, DateTime ValidationEnd, int Trials, int Folds = 5,
    string Sampler = TpeSampler.SamplerName, int Seed = 1, int? MaxParallel = null, bool Prune = true);

/// <summary>A finished search: the study, the folds it was scored on, and the best setting refitted on train +
/// validation and measured on the untouched test span next to the naive baseline.</summary>
public sealed record TuningReport(
    TuningRequest Request,
    string Algorithm,
    string Loss,
    int Symbols,
    SpanSummary Seen,
    SpanSummary Test,
    IReadOnlyList<WalkForwardFold> Folds,
    StudyResult Study,
    TrialRecord Best,
    IReadOnlyDictionary<string, string> BestConfig,
    double TestLoss,
    double NaiveTestLoss,
    IReadOnlyDictionary<string, double> ModelMetrics,
    IReadOnlyDictionary<string, double> NaiveMetrics,
    int Parallelism);

/// <summary>
/// Hyper-parameter search over purged walk-forward folds of train + validation (the test span stays unseen until the
/// chosen setting is refitted on everything before it and scored there once).
/// </summary>
public static class HyperparameterSearch
{
    public static ISampler Sampler(string name) => name.ToLowerInvariant() switch
    {
        TpeSampler.SamplerName => new TpeSampler(),
        RandomSampler.SamplerName => new RandomSampler(),
        _ => throw new ArgumentException($"unknown sampler '{name}' (known: {TpeSampler.SamplerName}, {RandomSampler.SamplerName})"),
    };

    public static TuningReport Run(IReadOnlyList<FeatureObservation> history, IReadOnlyList<string> viewFeatures, TuningRequest request,
        Action<TrialRecord>? finished = null, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (request.TrainEnd >= request.ValidationEnd)
            throw new ArgumentException($"the train end ({request.TrainEnd:yyyy-MM-dd}) must come before the validation end ({request.ValidationEnd:yyyy-MM-dd})");
        var model = TunableModels.Create(request.Algorithm);
        if (!model.Trainer.Targets.Contains(request.Target))
            throw new ArgumentException($"{model.Trainer.Algorithm} cannot forecast {request.Target.Name()}");
        var sampler = Sampler(request.Sampler);
        var inputs = ModelInputs.For(request.Target, PanelShape.IsPanel(history.Select(h => h.EventTime)));
        var dataset = DatasetBuilder.Build(history, viewFeatures, request.Target, inputs, new DatasetSplits(request.TrainEnd, request.ValidationEnd));
        List<Example> seen = [.. dataset.Part(Split.Train), .. dataset.Part(Split.Validation)];
        var test = dataset.Part(Split.Test).ToList();
        if (seen.Count < 250 || test.Count < 50)
            throw new InsufficientDataException($"not enough examples to tune and test honestly (train + validation {seen.Count}, test {test.Count}; need 250/50)");

        var objective = new WalkForwardObjective(dataset, seen, model, WalkForwardOptions.Over(seen, request.Folds, request.Target.Horizon()));
        var options = new StudyOptions(request.Trials, request.Seed, request.MaxParallel);
        var loss = TuningLoss.Name(request.Target);
        progress?.Report($"{model.Trainer.Algorithm} {request.Target.Name()}: {request.Trials} trials ({sampler.Name}, seed {request.Seed}, {options.Parallelism} at once) " +
            $"on {objective.Folds.Count} purged walk-forward folds of {seen.Count} train + validation examples; minimising {loss}");
        var study = new Study(model.Space, sampler, request.Prune ? new MedianPruner() : null, options).Optimize(objective.Evaluate, finished, ct);
        var best = study.Best ?? throw new InvalidOperationException($"no trial of {request.Trials} completed with a defined {loss}");

        // The chosen setting, refitted on all it was chosen on, scored once on the test span.
        var config = model.Config(best.Parameters);
        var final = model.Trainer.Fit(ForecasterTraining.FitLabels(dataset, seen), dataset.Inputs, config);
        double[] predicted;
        try
        {
            predicted = final.Predict([.. test.Select(e => e.Features)]);
        }
        finally
        {
            (final as IDisposable)?.Dispose();
        }
        var naive = test.Select(e => e.Naive).ToArray();
        var testLoss = TuningLoss.Of(request.Target, test, predicted);
        progress?.Report($"best trial {best.Number}: cv {loss} {best.Value:G5}; refitted on train + validation: test {loss} {testLoss:G5}");
        return new TuningReport(request, model.Trainer.Algorithm, loss, history.Select(h => h.Symbol).Distinct().Count(), SpanSummary.Of(seen), SpanSummary.Of(test),
            objective.Folds, study, best, config.Describe(), testLoss, TuningLoss.Of(request.Target, test, naive),
            ForecastEvaluation.Measure(request.Target, dataset.IsPanel, test, predicted), ForecastEvaluation.Measure(request.Target, dataset.IsPanel, test, naive),
            options.Parallelism);
    }
}
