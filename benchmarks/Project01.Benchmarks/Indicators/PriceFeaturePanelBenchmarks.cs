using BenchmarkDotNet.Attributes;
using Project01.Core.Features;
using Project01.Core.Market;

namespace Project01.Benchmarks.Indicators;

/// <summary>
/// The full price_v1 engine over a 500-symbol × 5,000-day panel cycled from the bundled real series
/// (<see cref="RealBars"/>). The reported time is per row (one symbol-day: 23 features), so rows/s = 1e9 / Mean[ns].
/// Fresh engines are made before each iteration (time must move forward), so the measured loop is updates only and
/// MemoryDiagnoser's Allocated column is the update path's.
/// </summary>
[MemoryDiagnoser]
public class PriceFeaturePanelBenchmarks
{
    private const int Symbols = 500;
    private const int Days = 5_000;
    private readonly double[] _row = new double[PriceFeatures.Count];
    private Bar[][] _panel = [];
    private PriceFeatureEngine[] _engines = [];

    [GlobalSetup]
    public void BuildPanel() => _panel = [.. Enumerable.Range(0, Symbols).Select(s => RealBars.PanelSymbol(s, Days))];

    [IterationSetup]
    public void FreshEngines() => _engines = [.. Enumerable.Range(0, Symbols).Select(_ => new PriceFeatureEngine())];

    [Benchmark(OperationsPerInvoke = Symbols * Days)]
    public double PriceV1Row()
    {
        double checksum = 0;
        var row = _row.AsSpan();
        for (var s = 0; s < Symbols; s++)
        {
            var engine = _engines[s];
            foreach (var bar in _panel[s])
            {
                engine.Update(bar, row);
                checksum += row[^1];
            }
        }
        return checksum;
    }
}
