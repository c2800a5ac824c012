using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Onnx;

namespace Project01.Modeling.Training;

/// <summary>
/// The honest recipe: tune on the validation span (models fitted on train only), take validation residuals for the
/// prediction interval, refit the chosen configuration on train + validation, and report on the test span, which no
/// choice has seen, next to the naive baseline. The ONNX export is checked against the native model on test rows.
/// </summary>
public static class ForecasterTraining
{
    /// <summary>Naive ret1 forecast: tomorrow's return equals today's (persistence).</summary>
    public const string NaiveInput = "logret";

    public static TrainedForecaster TrainLightGbm(SupervisedDataset dataset, IProgress<string>? progress = null)
    {
        var train = dataset.Part(Split.Train).ToList();
        var validation = dataset.Part(Split.Validation).ToList();
        var test = dataset.Part(Split.Test).ToList();
        if (train.Count < 200 || validation.Count < 50 || test.Count < 50)
            throw new InvalidOperationException($"not enough examples to train and evaluate honestly (train {train.Count}, validation {validation.Count}, test {test.Count}; need 200/50/50)");
        var k = dataset.Inputs.Count;
        var validationActual = validation.Select(e => e.Label).ToArray();

        LightGbmParameters? best = null;
        double bestIc = double.NegativeInfinity, bestRmse = double.PositiveInfinity;
        double[]? bestValidation = null;
        foreach (var p in LightGbmParameters.SearchSpace)
        {
            var predicted = LightGbmTrainer.Fit(train, p, k).Predict(validation.Select(e => e.Features));
            var ic = ForecastMetrics.InformationCoefficient(predicted, validationActual);
            var rmse = ForecastMetrics.Rmse(predicted, validationActual);
            progress?.Report($"iterations={p.Iterations} leaves={p.Leaves}: validation IC {ic:F4}, RMSE {rmse:E3}");
            if (double.IsNaN(ic)) ic = double.NegativeInfinity;
            if (ic > bestIc || (ic == bestIc && rmse < bestRmse))
            {
                (best, bestIc, bestRmse, bestValidation) = (p, ic, rmse, predicted);
            }
        }

        var residuals = validationActual.Select((a, i) => a - bestValidation![i]).ToArray();
        var interval = new ResidualInterval(ForecastMetrics.Quantile(residuals, 0.1), ForecastMetrics.Quantile(residuals, 0.9), 0.8);

        var final = LightGbmTrainer.Fit([.. train, .. validation], best!, k);
        var testPredicted = final.Predict(test.Select(e => e.Features));
        var testActual = test.Select(e => e.Label).ToArray();
        var naiveIndex = dataset.Inputs.ToList().IndexOf(NaiveInput);
        var naive = test.Select(e => naiveIndex >= 0 ? (double)e.Features[naiveIndex] : 0.0).ToArray();

        var onnx = final.ToOnnx();
        using var onnxModel = new OnnxRegressor(onnx);
        var onnxPredicted = onnxModel.Predict(test.SelectMany(e => e.Features).ToArray());
        var parity = testPredicted.Select((v, i) => Math.Abs(v - onnxPredicted[i])).Max();
        if (parity > 1e-5) throw new InvalidOperationException($"ONNX export differs from the native model by {parity:E2} (> 1e-5)");

        var covered = testActual.Where((a, i) => a >= testPredicted[i] + interval.Lower && a <= testPredicted[i] + interval.Upper).Count();
        var metrics = new Dictionary<string, double>
        {
            ["test_ic"] = ForecastMetrics.InformationCoefficient(testPredicted, testActual),
            ["test_rank_ic"] = ForecastMetrics.RankInformationCoefficient(testPredicted, testActual),
            ["test_rmse"] = ForecastMetrics.Rmse(testPredicted, testActual),
            ["test_directional_accuracy"] = ForecastMetrics.DirectionalAccuracy(testPredicted, testActual),
            ["test_interval_coverage"] = (double)covered / test.Count,
            ["naive_test_ic"] = ForecastMetrics.InformationCoefficient(naive, testActual),
            ["naive_test_rank_ic"] = ForecastMetrics.RankInformationCoefficient(naive, testActual),
            ["naive_test_rmse"] = ForecastMetrics.Rmse(naive, testActual),
            ["naive_test_directional_accuracy"] = ForecastMetrics.DirectionalAccuracy(naive, testActual),
            ["zero_test_rmse"] = ForecastMetrics.Rmse(new double[test.Count], testActual),
            ["validation_ic"] = bestIc,
            ["validation_rmse"] = bestRmse,
            ["onnx_parity_max_abs"] = parity,
            ["train_examples"] = train.Count,
            ["validation_examples"] = validation.Count,
            ["test_examples"] = test.Count,
        };
        var predictions = test.Select((e, i) => new Prediction(e.Symbol, e.FeatureTime, e.TargetTime, testPredicted[i], e.Label, Split.Test)).ToList();
        return new TrainedForecaster("lightgbm", dataset.Target, dataset.Inputs, onnx, best!.ToDictionary(), metrics, interval, predictions, dataset.Splits);
    }
}
