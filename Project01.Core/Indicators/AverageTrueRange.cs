using Project01.Core.Market;

namespace Project01.Core.Indicators;

/// <summary>ATR(n): Wilder smoothing of the true range, seeded with the mean of the first n true ranges (TTR <c>ATR</c>).</summary>
public sealed class AverageTrueRange(int period) : BarIndicator($"ATR({period})", period + 1)
{
    public int Period { get; } = period;
    public TrueRange TrueRange { get; } = new();
    public ExponentialMovingAverage Smoother { get; } = ExponentialMovingAverage.Wilder(period);

    protected override double ComputeNextValue(in Bar bar)
    {
        var tr = TrueRange.Update(bar);
        return double.IsNaN(tr) ? double.NaN : Smoother.Update(tr);
    }

    public override void Reset()
    {
        base.Reset();
        TrueRange.Reset();
        Smoother.Reset();
    }
}
