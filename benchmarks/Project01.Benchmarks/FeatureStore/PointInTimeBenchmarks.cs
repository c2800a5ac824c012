using BenchmarkDotNet.Attributes;
using Project01.Benchmarks.Indicators;
using Project01.Core.Features;
using Project01.FeatureStore.Offline;

namespace Project01.Benchmarks.FeatureStore;

/// <summary>
/// Historical point-in-time retrieval at the size Feast users quote: 14 features × 800 symbols × 13 years of trading
/// days (3,276), one entity row per symbol and day (2.6 M rows). "Warm" = the view's index is built (as the offline
/// store keeps it between calls); <see cref="BuildIndex"/> measures building it from rows already read.
/// Values are price_v1 features computed from the real bundled series, cycled per symbol (see RealBars).
/// </summary>
[MemoryDiagnoser]
public class PointInTimeBenchmarks
{
    private const int Symbols = 800;
    private const int Days = 3_276;
    private const int Features = 14;
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(4);

    private List<FeatureRow> _rows = [];
    private PointInTimeIndex _index = null!;
    private EntityRow[] _entities = [];

    [GlobalSetup]
    public void Setup()
    {
        var rows = new List<FeatureRow>(Symbols * Days);
        var entities = new List<EntityRow>(Symbols * Days);
        var n = PriceFeatures.Count;
        for (var s = 0; s < Symbols; s++)
        {
            var bars = RealBars.PanelSymbol(s, Days);
            var values = PriceFeatureEngine.ComputeBatch(bars);
            for (var d = 0; d < Days; d++)
            {
                rows.Add(new FeatureRow(bars[d].Symbol, bars[d].Time, bars[d].Time, values.AsSpan(d * n, Features).ToArray()));
                // Labels at 16:00 on each day: the bar stamped at 00:00 that day is known, the next day's is not.
                entities.Add(new EntityRow(bars[d].Symbol, bars[d].Time.AddHours(16)));
            }
        }
        _rows = rows;
        _index = PointInTimeIndex.Build(rows, Features, version: 1);
        _entities = [.. entities];
    }

    [Benchmark(Description = "PIT lookup, 2.6M entity rows × 14 features (warm)")]
    public double LookupAll()
    {
        double sum = 0;
        foreach (var e in _entities)
            if (_index.TryLookup(e.Symbol, e.Time, Ttl, out _, out var values)) sum += values[0];
        return sum;
    }

    [Benchmark(Description = "build the PIT index from 2.6M rows")]
    public int BuildIndex() => PointInTimeIndex.Build(_rows, Features, version: 2).Symbols;
}
