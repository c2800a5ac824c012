using Project01.Core.Market;

namespace Project01.Core.Indicators;

/// <summary>
/// True range = max(high, previous close) − min(low, previous close). Undefined on the first bar, as in TTR
/// (which does not fall back to high − low there).
/// </summary>
public sealed class TrueRange() : BarIndicator("TR", 2)
{
    private double _previousClose = double.NaN;

    protected override double ComputeNextValue(in Bar bar)
    {
        var previous = _previousClose;
        _previousClose = bar.Close;
        if (double.IsNaN(previous)) return double.NaN;
        return Math.Max(bar.High, previous) - Math.Min(bar.Low, previous);
    }

    public override void Reset()
    {
        base.Reset();
        _previousClose = double.NaN;
    }
}
