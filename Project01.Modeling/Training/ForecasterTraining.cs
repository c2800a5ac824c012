using System.Globalization;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Onnx;
using Project01.Onnx;
using Project01.Onnx.Explanations;

namespace Project01.Modeling.Training;

/// <summary>
/// The honest recipe, the same for every algorithm: tune on the validation span (models fitted on train only), take
/// validation residuals for the prediction interval, refit the chosen configuration on train + validation, and report
/// on the test span, which no choice has seen, next to the naive baseline. The ONNX export is checked against the
/// native model on the test rows (max |difference| ≤ 1e-5, else training fails), and carries the summary of the fitted
/// rows that its per-forecast explanations are measured against (<see cref="ExplanationBaseline"/>).
/// </summary>
public static class ForecasterTraining
{
    /// <summary>Naive ret1 forecast: tomorrow's return equals today's (persistence).</summary>
    public const string NaiveInput = "logret";

    public const double ParityTolerance = 1e-5;

    /// <summary>The conformal margin a model's own band gets when served (log units for vol5; see <see cref="ConformalBands"/>).</summary>
    public const string BandMarginMetric = ModelBand.Margin;

    /// <summary>The interval levels every training run reports calibrated coverage for.</summary>
    public static readonly double[] ConformalLevels = [0.8, 0.9];

    public static TrainedForecaster TrainLightGbm(SupervisedDataset dataset, IProgress<string>? progress = null) =>
        Train(dataset, new LightGbmForecasterTrainer(), progress);

    public static TrainedForecaster Train(SupervisedDataset dataset, IForecasterTrainer trainer, IProgress<string>? progress = null)
    {
        var train = dataset.Part(Split.Train).ToList();
        var validation = dataset.Part(Split.Validation).ToList();
        var test = dataset.Part(Split.Test).ToList();
        if (train.Count < 200 || validation.Count < 50 || test.Count < 50)
            throw new InsufficientDataException($"not enough examples to train and evaluate honestly (train {train.Count}, validation {validation.Count}, test {test.Count}; need 200/50/50)");
        var (target, panel) = (dataset.Target, dataset.IsPanel);
        if (trainer is IReportsProgress reporting) reporting.Progress = progress;
        var measure = ForecastEvaluation.SelectionMeasure(target, panel);

        var fitTrain = FitLabels(dataset, train);
        var fitValidation = FitLabels(dataset, validation);

        ModelConfig? best = null;
        double bestScore = double.NegativeInfinity, bestRmse = double.PositiveInfinity;
        double[]? bestValidation = null;
        (double[] Lower, double[] Upper)? bestBand = null;
        foreach (var config in trainer.SearchSpace(dataset))
        {
            var (model, refit) = trainer is IStopsOnValidation stopping
                ? stopping.FitWithValidation(fitTrain, fitValidation, dataset.Inputs, config)
                : (trainer.Fit(fitTrain, dataset.Inputs, config), config);
            var predicted = model.Predict(validation.Select(e => e.Features).ToList());
            var validationBand = model is IIntervalForecaster banded ? banded.PredictBand(validation.Select(e => e.Features).ToList()) : default((double[], double[])?);
            (model as IDisposable)?.Dispose();
            var score = ForecastEvaluation.SelectionScore(target, panel, validation, predicted);
            var rmse = ForecastMetrics.Rmse(predicted, validation.Select(e => e.Label).ToArray());
            progress?.Report($"{trainer.Algorithm} {Describe(config)}: validation {measure} {score:F4}, RMSE {rmse:E3}");
            if (best is null || score > bestScore || (score == bestScore && rmse < bestRmse))
                (best, bestScore, bestRmse, bestValidation, bestBand) = (refit, score, rmse, predicted, validationBand);
        }
        if (best is null) throw new InvalidOperationException($"{trainer.Algorithm} offered no configuration to train");

        var validationActual = validation.Select(e => e.Label).ToArray();
        var residuals = validationActual.Select((a, i) => a - bestValidation![i]).ToArray();
        var interval = new ResidualInterval(ForecastMetrics.Quantile(residuals, 0.1), ForecastMetrics.Quantile(residuals, 0.9), 0.8);

        var final = trainer.Fit([.. fitTrain, .. fitValidation], dataset.Inputs, best);
        try
        {
            var testPredicted = final.Predict(test.Select(e => e.Features).ToList());
            // The rows the final model was fitted on are what its explanations are measured against (node covers, input means).
            var onnx = ExplanationBaseline.Attach(final.ToOnnx(), [.. fitTrain.Select(e => e.Features), .. fitValidation.Select(e => e.Features)]);
            using var onnxModel = new OnnxRegressor(onnx);
            var testRows = test.SelectMany(e => e.Features).ToArray();
            var onnxPredicted = onnxModel.Predict(testRows);
            var parity = testPredicted.Select((v, i) => Math.Abs(v - onnxPredicted[i])).Max();
            // A model with its own band: the ONNX bounds must match the native ones too.
            var band = final is IIntervalForecaster banded ? banded.PredictBand(test.Select(e => e.Features).ToList()) : default;
            if (band.Lower is not null)
            {
                var (onnxLower, onnxUpper) = onnxModel.PredictBand(testRows)
                    ?? throw new InvalidOperationException($"{trainer.Algorithm}: the ONNX export has no {OnnxModelWriter.LowerName}/{OnnxModelWriter.UpperName} outputs for its band");
                parity = Math.Max(parity, Math.Max(band.Lower.Select((v, i) => Math.Abs(v - onnxLower[i])).Max(), band.Upper.Select((v, i) => Math.Abs(v - onnxUpper[i])).Max()));
            }
            if (!(parity <= ParityTolerance))
                throw new InvalidOperationException($"{trainer.Algorithm}: ONNX export differs from the native model by {parity:E2} (> {ParityTolerance:E0})");

            var testActual = test.Select(e => e.Label).ToArray();
            var naive = test.Select(e => e.Naive).ToArray();
            var covered = testActual.Where((a, i) => a >= testPredicted[i] + interval.Lower && a <= testPredicted[i] + interval.Upper).Count();
            var metrics = new Dictionary<string, double>();
            foreach (var (key, value) in ForecastEvaluation.Measure(target, panel, test, testPredicted)) metrics[$"test_{key}"] = value;
            foreach (var (key, value) in ForecastEvaluation.Measure(target, panel, test, naive)) metrics[$"naive_test_{key}"] = value;
            if (target == ForecastTarget.Ret1) metrics["zero_test_rmse"] = ForecastMetrics.Rmse(new double[test.Count], testActual);
            metrics["test_interval_coverage"] = (double)covered / test.Count;
            if (band.Lower is not null)
            {
                // The model's own 10–90 % band as it comes out of the network, then conformalized (CQR) on the validation
                // forecasts of the train-only model and on test outcomes as they become known: coverage80 is the latter.
                metrics["test_raw_coverage80"] = (double)testActual.Where((a, i) => a >= band.Lower[i] && a <= band.Upper[i]).Count() / test.Count;
                metrics["test_raw_band_width"] = band.Upper.Select((u, i) => u - band.Lower[i]).Average();
                if (bestBand is var (validationLower, validationUpper))
                {
                    var logScale = ModelBand.IsLogScale(target);
                    var calibrated = ConformalBands.Evaluate(
                        [.. validation.Select((e, i) => new BandForecast(e.FeatureTime, e.TargetTime, validationLower[i], validationUpper[i], e.Label))],
                        [.. test.Select((e, i) => new BandForecast(e.FeatureTime, e.TargetTime, band.Lower[i], band.Upper[i], e.Label))], 0.8, logScale);
                    metrics["test_coverage80"] = calibrated.Coverage;
                    metrics["test_band_width"] = calibrated.MeanWidth;
                    metrics[BandMarginMetric] = calibrated.CurrentMargin;
                }
            }
            metrics["validation_score"] = bestScore;
            metrics["validation_ic"] = ForecastMetrics.InformationCoefficient(bestValidation!, validationActual);
            metrics["validation_rmse"] = bestRmse;
            metrics["onnx_parity_max_abs"] = parity;
            metrics["train_examples"] = train.Count;
            metrics["validation_examples"] = validation.Count;
            metrics["test_examples"] = test.Count;

            // Calibrated intervals: validation forecasts of the model fitted on train only (never saw them), then test
            // outcomes as they become known, each error measured in the forecast's own scale.
            IReadOnlyList<ScaledForecast> calibration = [], scaledTest = [];
            if (target != ForecastTarget.Dir1)
            {
                calibration = ConformalIntervals.Scaled(target, dataset.Inputs, validation, bestValidation!);
                scaledTest = ConformalIntervals.Scaled(target, dataset.Inputs, test, testPredicted);
                foreach (var level in ConformalLevels)
                {
                    var c = ConformalIntervals.Evaluate(calibration, scaledTest, level);
                    metrics[$"test_conformal{level * 100:F0}_coverage"] = c.Coverage;
                    metrics[$"test_conformal{level * 100:F0}_width"] = c.MeanWidth;
                    var a = ConformalIntervals.EvaluateAdaptive(calibration, scaledTest, level);
                    metrics[$"test_aci{level * 100:F0}_coverage"] = a.Coverage;
                    metrics[$"test_aci{level * 100:F0}_width"] = a.MeanWidth;
                }
            }

            var parameters = new Dictionary<string, string>(best.Describe());
            if (final is IDescribesTraining described)
            {
                foreach (var (key, value) in described.TrainingFacts) parameters[key] = value;
                foreach (var (key, value) in described.TrainingMetrics) metrics[key] = value;
            }

            var predictions = test.Select((e, i) => new Prediction(e.Symbol, e.FeatureTime, e.TargetTime, testPredicted[i], e.Label, Split.Test)).ToList();
            progress?.Report($"{trainer.Algorithm}: permutation importance of {dataset.Inputs.Count} inputs on the test span");
            return new TrainedForecaster(trainer.Algorithm, target, dataset.Inputs, onnx, parameters, metrics, interval, predictions, dataset.Splits)
            {
                Config = best,
                Importances = PermutationImportance.Compute(final, test, dataset.Inputs),
                Calibration = calibration,
                ScaledTest = scaledTest,
            };
        }
        finally
        {
            (final as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// What models fit. On a panel, ret1 models learn each day's return relative to that day's cross-sectional mean:
    /// the market's common move is the same for every symbol, so for ranking symbols it is pure noise in the label.
    /// Measures are always taken against the real returns.
    /// </summary>
    internal static IReadOnlyList<Example> FitLabels(SupervisedDataset dataset, IReadOnlyList<Example> examples)
    {
        if (!dataset.IsPanel || dataset.Target != ForecastTarget.Ret1) return examples;
        var result = new List<Example>(examples.Count);
        foreach (var day in examples.GroupBy(e => e.FeatureTime))
        {
            var mean = day.Average(e => e.Label);
            result.AddRange(day.Select(e => e with { Label = e.Label - mean }));
        }
        return result;
    }

    private static string Describe(ModelConfig config) =>
        string.Join(' ', config.Describe().Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
