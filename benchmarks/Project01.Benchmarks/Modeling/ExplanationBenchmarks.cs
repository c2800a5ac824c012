using BenchmarkDotNet.Attributes;
using Project01.Benchmarks.Indicators;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Training;
using Project01.Onnx;
using Project01.Onnx.Explanations;

namespace Project01.Benchmarks.Modeling;

/// <summary>
/// What <c>?explain=true</c> costs per forecast: TreeSHAP over a LightGBM ret1 model trained by the platform's recipe
/// on the bundled S&amp;P 500 (train to 2013, validation to 2016), explaining the test span's rows one at a time, next
/// to ONNX Runtime scoring one row. Set-up also prints the model's size and the largest additivity error over the test
/// span (|base + Σ contributions − ONNX score|).
/// </summary>
[MemoryDiagnoser]
public class ExplanationBenchmarks
{
    private float[][] _rows = [];
    private IForecastExplainer? _explainer;
    private OnnxRegressor? _session;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var bars = RealBars.Sp500;
        var values = PriceFeatureEngine.ComputeBatch(bars);
        var n = PriceFeatures.Count;
        var history = bars.Select((b, i) => new FeatureObservation(b.Symbol, b.Time, values.AsSpan(i * n, n).ToArray())).ToList();
        var splits = new DatasetSplits(new DateTime(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2016, 12, 30, 0, 0, 0, DateTimeKind.Utc));
        var dataset = DatasetBuilder.Build(history, PriceFeatures.Names, ForecastTarget.Ret1, ModelInputs.Series, splits);
        var (onnx, description) = Model == "recipe" ? Recipe(dataset) : Largest(dataset);
        _explainer = ForecastExplainers.Load(onnx, out var whyNot) ?? throw new InvalidOperationException(whyNot);
        _session = new OnnxRegressor(onnx);
        _rows = [.. dataset.Part(Split.Test).Select(e => e.Features)];

        var scored = _session.Predict(_rows.SelectMany(r => r).ToArray());
        var worst = _rows.Select((r, i) => Math.Abs(_explainer.Explain(r).Prediction - scored[i])).Max();
        var trees = ScoringGraph.TryRead(onnx, out _)!.Trees!.Trees;
        Console.WriteLine($"// LightGBM ret1 {description}: {trees.Count} trees, " +
            $"max depth {trees.Max(t => t.MaxDepth)}, {dataset.Inputs.Count} inputs; {_rows.Length} test forecasts, max additivity error {worst:E2}");
    }

    /// <summary><c>recipe</c>: what ForecasterTraining chooses on validation; <c>largest</c>: the search space's biggest
    /// setting (400 trees of 15 leaves) fitted on train + validation, for the cost at its upper end.</summary>
    [Params("recipe", "largest")]
    public string Model { get; set; } = "recipe";

    private static (byte[] Onnx, string Description) Recipe(SupervisedDataset dataset)
    {
        var trained = ForecasterTraining.TrainLightGbm(dataset);
        return (trained.Onnx, string.Join(' ', trained.Parameters.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    private static (byte[] Onnx, string Description) Largest(SupervisedDataset dataset)
    {
        var largest = LightGbmParameters.SearchSpace.MaxBy(p => p.Iterations * p.Leaves)!;
        List<Example> fit = [.. dataset.Part(Split.Train), .. dataset.Part(Split.Validation)];
        var model = LightGbmTrainer.Fit(fit, largest, dataset.Inputs.Count);
        return (ExplanationBaseline.Attach(model.ToOnnx(), [.. fit.Select(e => e.Features)]), string.Join(' ', largest.ToDictionary().Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Benchmark(Description = "TreeSHAP explanation of one forecast")]
    public double Explain() => _explainer!.Explain(_rows[_next++ % _rows.Length]).BaseValue;

    [Benchmark(Baseline = true, Description = "ONNX Runtime score of one forecast")]
    public float Score() => _session!.Predict(_rows[_next++ % _rows.Length])[0];

    [GlobalCleanup]
    public void Cleanup() => _session?.Dispose();
}
