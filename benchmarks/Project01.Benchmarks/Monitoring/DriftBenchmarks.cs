using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Project01.Benchmarks.Modeling;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Monitoring.Drift;

namespace Project01.Benchmarks.Monitoring;

/// <summary>
/// A drift check of a large panel: 500 symbols × 5,000 days (2.5 million rows) × 11 model inputs, reference = the first
/// 60 % of the days, current = the last 20 % by month (33 months, 500 × ~21 values each). Baseline: extracting and
/// sorting each feature's values once — what any quantile- or KS-based check must do at least — so the ratio says
/// what the statistics cost on top.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class DriftBenchmarks
{
    private const int Days = 5_000;
    private List<FeatureObservation> _rows = [];
    private DateTime _referenceEnd, _currentStart;

    [GlobalSetup]
    public void Setup()
    {
        var panel = SyntheticPanel.Build(LightGbmTrainingBenchmarks.Symbols, Days);
        _rows = [.. panel.Select(e => new FeatureObservation(e.Symbol, e.FeatureTime, [.. e.Features.Select(f => (double)f)]))];
        var start = panel[0].FeatureTime;
        (_referenceEnd, _currentStart) = (start.AddDays(Days * 0.6), start.AddDays(Days * 0.8));
    }

    [Benchmark(Baseline = true, Description = "sort each feature once (lower bound)")]
    public double SortOnly()
    {
        var last = 0.0;
        for (var f = 0; f < ModelInputs.Default.Count; f++)
        {
            var values = new double[_rows.Count];
            for (var i = 0; i < values.Length; i++) values[i] = _rows[i].Values[f];
            Array.Sort(values);
            last += values[^1];
        }
        return last;
    }

    [Benchmark(Description = "drift analysis: PSI, KS, Wasserstein, JS + quality")]
    public int Analyze() =>
        FeatureDriftAnalyzer.Analyze(_rows, ModelInputs.Default, ModelInputs.Default, _referenceEnd, _currentStart).Features.Sum(f => f.Windows.Count);
}
