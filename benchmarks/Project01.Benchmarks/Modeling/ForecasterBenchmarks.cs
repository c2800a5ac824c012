using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.LightGbm;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Onnx;
using Project01.Modeling.Training;
using Project01.Onnx;

namespace Project01.Benchmarks.Modeling;

/// <summary>
/// LightGBM training on a 500-symbol × 5,000-day panel (2.5 million rows × 11 inputs, see <see cref="SyntheticPanel"/>):
/// 100 iterations, 31 leaves, one thread. Rows/s = 2,500,000 / Mean[s]. Few iterations: one fit takes many seconds.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class LightGbmTrainingBenchmarks
{
    public const int Symbols = 500;
    public const int Days = 5_000;
    private IReadOnlyList<Example> _panel = [];

    [GlobalSetup]
    public void Setup() => _panel = SyntheticPanel.Build(Symbols, Days);

    [Benchmark(Description = "LightGBM fit, 2.5M rows, 100 iterations")]
    public int Fit() => LightGbmTrainer.Fit(_panel, new LightGbmParameters(100, 31, 100, 0.05), ModelInputs.Default.Count).FeatureCount;
}

/// <summary>
/// ONNX Runtime batch scoring (CPU, one thread) of the platform's exported models: 100,000 rows per call, reported
/// per row (OperationsPerInvoke), so rows/s = 1e9 / Mean[ns]. The models are fitted once on 200,000 panel rows.
/// </summary>
public class OnnxInferenceBenchmarks
{
    private const int BatchRows = 100_000;
    private float[] _batch = [];
    private OnnxRegressor? _model;

    [Params("lightgbm", "xgboost", "ridge")]
    public string Algorithm { get; set; } = "lightgbm";

    [GlobalSetup]
    public void Setup()
    {
        var panel = SyntheticPanel.Build(LightGbmTrainingBenchmarks.Symbols, 600); // 300,000 rows: 200,000 to fit, 100,000 to score
        var train = panel.Take(200_000).ToList();
        var trainer = ForecasterCatalog.Create(Algorithm);
        var dataset = new SupervisedDataset(ForecastTarget.Ret1, ModelInputs.Default, train, new DatasetSplits(DateTime.MaxValue, DateTime.MaxValue));
        var fitted = trainer.Fit(train, ModelInputs.Default, trainer.SearchSpace(dataset)[^1]);
        _model = new OnnxRegressor(fitted.ToOnnx());
        (fitted as IDisposable)?.Dispose();
        _batch = [.. panel.Skip(200_000).Take(BatchRows).SelectMany(e => e.Features)];
        if (_batch.Length != BatchRows * ModelInputs.Default.Count) throw new InvalidOperationException($"the panel left {_batch.Length} values to score");
    }

    [Benchmark(OperationsPerInvoke = BatchRows, Description = "ONNX batch of 100k rows, per row")]
    public float Score() => _model!.Predict(_batch)[^1];

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
