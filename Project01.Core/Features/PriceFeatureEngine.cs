using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// Streaming state of <see cref="PriceFeatures"/> for one symbol: each bar updates the <see cref="PriceIndicators"/>
/// once, then every declared feature is read from them in <see cref="PriceFeatures.All"/>'s order. O(1) work per
/// bar, no allocation per update. <see cref="ComputeBatch"/> is this same update in a loop, so offline and online
/// values are bit-identical.
/// </summary>
public sealed class PriceFeatureEngine
{
    private readonly PriceFeatureSelection _selection;
    private readonly PriceIndicators _indicators;
    private readonly double[] _row;

    /// <param name="selection">the features to compute (all of the view by default), in their order.</param>
    public PriceFeatureEngine(BarInterval? interval = null, PriceFeatureSelection? selection = null)
    {
        _selection = selection ?? PriceFeatureSelection.All;
        _indicators = new PriceIndicators(interval, _selection.ReadsReturnsOrVolume);
        _row = new double[_selection.Count];
    }

    public DateTime LastTime { get; private set; } = DateTime.MinValue;
    public long Bars { get; private set; }

    /// <summary>Feeds one bar and writes every selected feature (NaN where not yet defined) into <paramref name="values"/>.</summary>
    public void Update(in Bar bar, Span<double> values)
    {
        if (values.Length < _row.Length) throw new ArgumentException($"need room for {_row.Length} values", nameof(values));
        Advance(bar);
        _selection.WriteRow(_indicators, _row, 0);
        _row.CopyTo(values);
    }

    /// <summary>All features for a bar series of one symbol: a row-major [bars × features] array. The same update as
    /// <see cref="Update"/>, each row written in place rather than through the engine's own row.</summary>
    public static double[] ComputeBatch(ReadOnlySpan<Bar> bars, BarInterval? interval = null) =>
        ComputeBatch(bars, PriceFeatureSelection.All, interval);

    /// <summary>The selected features for a bar series of one symbol: a row-major [bars × selection.Count] array, each
    /// value bit-identical to the same feature's in the full view.</summary>
    public static double[] ComputeBatch(ReadOnlySpan<Bar> bars, PriceFeatureSelection selection, BarInterval? interval = null)
    {
        // Every cell is written, so the array need not be zeroed first (a 5,000-bar series is 920 KB).
        var output = GC.AllocateUninitializedArray<double>(bars.Length * selection.Count);
        ComputeBatch(bars, selection, output, interval);
        return output;
    }

    /// <summary>The same, into the caller's array (from its start), so a caller that computes series after series can
    /// reuse one: on a VM whose page faults are slow, faulting a fresh 240 MB of output in cost more than the
    /// indicators of a 2.5 M-row panel.</summary>
    public static void ComputeBatch(ReadOnlySpan<Bar> bars, PriceFeatureSelection selection, double[] output, BarInterval? interval = null)
    {
        var width = selection.Count;
        if (output.Length < bars.Length * width)
            throw new ArgumentException($"need room for {bars.Length} × {width} values, have {output.Length}", nameof(output));
        var engine = new PriceFeatureEngine(interval, selection);
        var write = selection.WriteRow;
        for (var i = 0; i < bars.Length; i++)
        {
            engine.Advance(bars[i]);
            write(engine._indicators, output, i * width);
        }
    }

    private void Advance(in Bar bar)
    {
        if (bar.Time <= LastTime)
            throw new InvalidOperationException($"{bar.Symbol}: bar time {bar.Time:O} does not move forward from {LastTime:O}");
        LastTime = bar.Time;
        Bars++;
        _indicators.Update(bar);
    }
}
