using System.Diagnostics;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Forecasters.XGBoost;
using Project01.Onnx;
using Project01.Onnx.Explanations;
using Project01.Onnx.Scoring;

namespace Project01.Modeling.Benchmarking;

/// <summary>The shared settings both sides train with: rounds, depth, learning rate, minimum child weight (= minimum leaf
/// examples under squared error), L2 on leaves 1, one thread, base score the mean training label.</summary>
public sealed record GradientBoostingSettings(int Rounds = 100, int MaxDepth = 6, double LearningRate = 0.1, double MinChildWeight = 50);

/// <summary>One model's figures: fit time, test RMSE, and batch inference over the test rows per runtime.</summary>
public sealed record GradientBoostingModelResult(string Model, double FitSeconds, double TestRmse, IReadOnlyDictionary<string, double> PredictRowsPerSecond);

public sealed record GradientBoostingResult(int TrainRows, int TestRows, int Features, GradientBoostingSettings Settings,
    IReadOnlyList<GradientBoostingModelResult> Models, double MaxOnnxDifference, long PeakRssBytes);

/// <summary>
/// Project01's gradient boosting as a user runs it: XGBoost through its C API and LightGBM through ML.NET fitted with
/// the platform's trainers, then batch-scored over the test rows by the runtimes the platform has: XGBoost's own
/// predictor (what the training side uses), ONNX Runtime's tree operator on the model's ONNX export, and the serving
/// side's <see cref="OnnxRegressor"/> on that export, which scores plain tree ensembles with its own kernel.
/// The Python peer (<c>benchmarks/peers/gbm.py</c>) fits and scores the same CSV rows.
/// </summary>
public static class GradientBoostingBenchmark
{
    public static GradientBoostingResult Run(GradientBoostingDataset data, GradientBoostingSettings s, TextWriter progress)
    {
        var k = data.Inputs.Count;
        var testX = new float[data.Test.Count * k];
        for (var n = 0; n < data.Test.Count; n++) data.Test[n].Features.CopyTo(testX, n * k);
        var testRows = data.Test.Select(e => e.Features).ToArray();
        List<GradientBoostingModelResult> models = [];
        double maxDifference = 0;

        progress.WriteLine($"xgboost: {s.Rounds} rounds, depth {s.MaxDepth}, {data.Train.Count:N0} rows…");
        var clock = Stopwatch.StartNew();
        using (var xgb = (XGBoostForecaster)new XGBoostTrainer().Fit(data.Train, data.Inputs,
            new XGBoostConfig(s.Rounds, s.MaxDepth, s.LearningRate, s.MinChildWeight)))
        {
            var fit = clock.Elapsed.TotalSeconds;
            var native = xgb.Predict(testRows);
            using var onnx = new OnnxRegressor(xgb.ToOnnx(), treeKernel: false);
            maxDifference = Math.Max(maxDifference, MaxDifference(native, onnx.Predict(testX)));
            models.Add(new(ForecasterCatalog.XGBoost, fit, Rmse(native, data.Test), new Dictionary<string, double>
            {
                ["xgboost"] = RowsPerSecond(data.Test.Count, () => xgb.Predict(testRows)),
                ["onnxruntime"] = RowsPerSecond(data.Test.Count, () => onnx.Predict(testX)),
            }.Concat(Served(xgb.ToOnnx(), testX, native, ref maxDifference)).ToDictionary()));
        }

        progress.WriteLine($"lightgbm: {s.Rounds} iterations, {(1 << s.MaxDepth) - 1} leaves…");
        clock.Restart();
        var lgbm = LightGbmTrainer.Fit(data.Train, new LightGbmParameters(s.Rounds, (1 << s.MaxDepth) - 1, (int)s.MinChildWeight, s.LearningRate), k);
        var lgbmFit = clock.Elapsed.TotalSeconds;
        var lgbmPoints = lgbm.Predict(testRows);
        using (var onnx = new OnnxRegressor(lgbm.ToOnnx(), treeKernel: false))
        {
            maxDifference = Math.Max(maxDifference, MaxDifference(lgbmPoints, onnx.Predict(testX)));
            models.Add(new(ForecasterCatalog.LightGbm, lgbmFit, Rmse(lgbmPoints, data.Test), new Dictionary<string, double>
            {
                ["mlnet"] = RowsPerSecond(data.Test.Count, () => lgbm.Predict(testRows)),
                ["onnxruntime"] = RowsPerSecond(data.Test.Count, () => onnx.Predict(testX)),
            }.Concat(Served(lgbm.ToOnnx(), testX, lgbmPoints, ref maxDifference)).ToDictionary()));
        }
        return new(data.Train.Count, data.Test.Count, k, s, models, maxDifference, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    /// <summary>The served path on the ONNX export (<see cref="OnnxRegressor"/>, whose tree kernel takes plain tree
    /// ensembles) on one thread and on every core (blocks of rows are independent); its points checked against the
    /// model's own.</summary>
    private static IEnumerable<KeyValuePair<string, double>> Served(byte[] onnx, float[] testX, double[] reference, ref double maxDifference)
    {
        var served = new OnnxRegressor(onnx);
        maxDifference = Math.Max(maxDifference, MaxDifference(reference, served.Predict(testX)));
        var k = served.FeatureCount;
        var chunk = Math.Max(1, reference.Length / (4 * Environment.ProcessorCount));
        // The kernel's portable path too, where the CPU would take the ranked-splits one.
        var walked = ScoringGraph.TryRead(onnx, out _)?.Trees is { } trees ? TreeEnsembleScorer.TryCreate(trees, k, out _, rankSplits: false) : null;
        return
        [
            new("project01", RowsPerSecond(reference.Length, () => served.Predict(testX))),
            new("project01_node_walk", walked is null ? 0 : RowsPerSecond(reference.Length, () => walked.Predict(testX))),
            new($"project01_{Environment.ProcessorCount}_threads", RowsPerSecond(reference.Length, () =>
                Parallel.For(0, (reference.Length + chunk - 1) / chunk, c =>
                    served.Predict(testX.AsSpan(c * chunk * k, Math.Min(chunk, reference.Length - c * chunk) * k))))),
        ];
    }

    /// <summary>Rows per second of the best of three timed passes after one untimed pass (steady state, as the peer).</summary>
    private static double RowsPerSecond(int rows, Action score)
    {
        score();
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            score();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return rows / best;
    }

    private static double Rmse(double[] predictions, IReadOnlyList<Example> test) =>
        Math.Sqrt(predictions.Select((p, i) => (p - test[i].Label) * (p - test[i].Label)).Average());

    private static double MaxDifference(double[] a, float[] b) => a.Select((v, i) => Math.Abs(v - b[i])).DefaultIfEmpty().Max();
}
