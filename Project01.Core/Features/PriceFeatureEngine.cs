using System.Linq.Expressions;
using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// Streaming state of <see cref="PriceFeatures"/> for one symbol: each bar updates the <see cref="PriceIndicators"/>
/// once, then every declared feature is read from them in <see cref="PriceFeatures.All"/>'s order. O(1) work per
/// bar, no allocation per update. <see cref="ComputeBatch"/> is this same update in a loop, so offline and online
/// values are bit-identical.
/// </summary>
public sealed class PriceFeatureEngine(BarInterval? interval = null)
{
    // The declarations compiled once into a single method that writes a whole row in order. Calling one delegate per
    // feature instead (23 indirect calls per bar) cut the engine's throughput by about 30 % on the panel benchmark.
    private static readonly Action<PriceIndicators, double[], int> WriteRow = CompileRowWriter(PriceFeatures.All);

    private readonly PriceIndicators _indicators = new(interval);
    private readonly double[] _row = new double[PriceFeatures.Count];

    public DateTime LastTime { get; private set; } = DateTime.MinValue;
    public long Bars { get; private set; }

    /// <summary>Feeds one bar and writes every feature (NaN where not yet defined) into <paramref name="values"/>.</summary>
    public void Update(in Bar bar, Span<double> values)
    {
        if (values.Length < PriceFeatures.Count) throw new ArgumentException($"need room for {PriceFeatures.Count} values", nameof(values));
        Advance(bar);
        WriteRow(_indicators, _row, 0);
        _row.CopyTo(values);
    }

    /// <summary>All features for a bar series of one symbol: a row-major [bars × features] array. The same update as
    /// <see cref="Update"/>, each row written in place rather than through the engine's own row.</summary>
    public static double[] ComputeBatch(ReadOnlySpan<Bar> bars, BarInterval? interval = null)
    {
        var engine = new PriceFeatureEngine(interval);
        // Every cell is written below, so the array need not be zeroed first (a 5,000-bar series is 920 KB).
        var output = GC.AllocateUninitializedArray<double>(bars.Length * PriceFeatures.Count);
        for (var i = 0; i < bars.Length; i++)
        {
            engine.Advance(bars[i]);
            WriteRow(engine._indicators, output, i * PriceFeatures.Count);
        }
        return output;
    }

    private void Advance(in Bar bar)
    {
        if (bar.Time <= LastTime)
            throw new InvalidOperationException($"{bar.Symbol}: bar time {bar.Time:O} does not move forward from {LastTime:O}");
        LastTime = bar.Time;
        Bars++;
        _indicators.Update(bar);
    }

    /// <summary>(s, row, at) => { row[at] = value₀(s); row[at + 1] = value₁(s); … }, each value inlined as declared.</summary>
    private static Action<PriceIndicators, double[], int> CompileRowWriter(IReadOnlyList<PriceFeature> features)
    {
        var state = Expression.Parameter(typeof(PriceIndicators), "s");
        var row = Expression.Parameter(typeof(double[]), "row");
        var at = Expression.Parameter(typeof(int), "at");
        var writes = features.Select((feature, i) => (Expression)Expression.Assign(
            Expression.ArrayAccess(row, Expression.Add(at, Expression.Constant(i))), Expression.Invoke(feature.Value, state)));
        return Expression.Lambda<Action<PriceIndicators, double[], int>>(Expression.Block(writes), state, row, at).Compile();
    }
}
