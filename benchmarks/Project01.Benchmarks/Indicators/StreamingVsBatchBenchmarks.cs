using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Project01.Core.Features;
using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Benchmarks.Indicators;

/// <summary>
/// Streaming (one bar at a time through <c>Update</c>, as the live path feeds it) against batch (the whole series in
/// one call) over the bundled S&amp;P 500 series (5,105 bars). Batch is that same update in a loop, so the two should
/// cost the same; the target is streaming within 1.5× of batch. The engine's batch also allocates its
/// [bars × features] output, which MemoryDiagnoser shows; the streaming loops allocate nothing.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamingVsBatchBenchmarks
{
    private readonly double[] _row = new double[PriceFeatures.Count];
    private Bar[] _bars = [];
    private double[] _closes = [];
    private double[] _output = [];
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly Stochastic _stochastic = new();

    [GlobalSetup]
    public void Setup()
    {
        _bars = RealBars.Sp500;
        _closes = [.. _bars.Select(b => b.Close)];
        _output = new double[_bars.Length];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("price_v1")]
    public double EngineBatch() => PriceFeatureEngine.ComputeBatch(_bars)[^1];

    [Benchmark]
    [BenchmarkCategory("price_v1")]
    public double EngineStreaming()
    {
        var engine = new PriceFeatureEngine();
        double checksum = 0;
        foreach (var bar in _bars)
        {
            engine.Update(bar, _row);
            checksum += _row[^1];
        }
        return checksum;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("RSI(14)")]
    public double RsiBatch()
    {
        _rsi.Reset();
        _rsi.Compute(_closes, _output);
        return _output[^1];
    }

    [Benchmark]
    [BenchmarkCategory("RSI(14)")]
    public double RsiStreaming()
    {
        _rsi.Reset();
        double checksum = 0;
        foreach (var close in _closes) checksum += _rsi.Update(close);
        return checksum;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("STOCH(14,3,3)")]
    public double StochasticBatch()
    {
        _stochastic.Reset();
        _stochastic.Compute(_bars, _output);
        return _output[^1];
    }

    [Benchmark]
    [BenchmarkCategory("STOCH(14,3,3)")]
    public double StochasticStreaming()
    {
        _stochastic.Reset();
        double checksum = 0;
        foreach (var bar in _bars) checksum += _stochastic.Update(bar);
        return checksum;
    }
}
