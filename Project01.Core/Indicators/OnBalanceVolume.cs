using Project01.Core.Market;

namespace Project01.Core.Indicators;

/// <summary>
/// On-balance volume, TTR <c>OBV(close, volume)</c>: the running sum starts at the first bar's volume (not 0), then
/// adds the volume when the close rose and subtracts it when it fell. "Unchanged" follows TTR exactly: the change is
/// the log return ln C[t] − ln C[t−1], and |change| &lt; √(machine ε) = 2⁻²⁶ counts as flat (adds nothing), so moves
/// under about 1.5e-8 relative do not flip the sign. Defined from the first bar. Exact while |OBV| &lt; 2⁵³.
/// </summary>
public sealed class OnBalanceVolume() : BarIndicator("OBV", 1)
{
    /// <summary>√(2⁻⁵²) = 2⁻²⁶: TTR's <c>sqrt(.Machine$double.eps)</c>.</summary>
    public static readonly double FlatThreshold = Math.ScaleB(1, -26);

    private double _previousLogClose = double.NaN;
    private double _obv;

    protected override double ComputeNextValue(in Bar bar)
    {
        var logClose = Math.Log(bar.Close);
        var previous = _previousLogClose;
        _previousLogClose = logClose;
        if (double.IsNaN(previous)) return _obv = bar.Volume;
        var change = logClose - previous;
        if (Math.Abs(change) >= FlatThreshold) _obv += change > 0 ? bar.Volume : -bar.Volume;
        return _obv;
    }

    public override void Reset()
    {
        base.Reset();
        _previousLogClose = double.NaN;
        _obv = 0;
    }
}
