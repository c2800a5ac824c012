using Project01.Core.Market;

namespace Project01.Core.Indicators;

/// <summary>
/// Stochastic oscillator, TTR <c>stoch(HLC, nFastK = 14, nFastD = 3, nSlowD = 3)</c> with its defaults (bounded: the
/// window includes the current bar; smooth = 1; maType = SMA). Values are fractions in [0, 1] as TTR returns them
/// (× 100 for the usual percent scale). <see cref="BarIndicator.Current"/> is TTR's <c>fastK</c> = (C − LL)/(HH − LL)
/// over the last nFastK highs and lows, first at bar nFastK; <see cref="FastD"/> is <c>fastD</c> = SMA(fastK, nFastD)
/// (the "slow %K"), first at bar nFastK + nFastD − 1; <see cref="SlowD"/> is <c>slowD</c> = SMA(fastD, nSlowD), first
/// at bar nFastK + nFastD + nSlowD − 2. A flat window (HH = LL) gives 0.5: TTR maps a non-finite ratio to 0.5 but
/// leaves 0/0 as NaN, which its SMA then rejects, so there is no TTR value to follow there, and a NaN would poison
/// the running sums of the averages for good.
/// </summary>
public sealed class Stochastic(int fastK = 14, int fastD = 3, int slowD = 3)
    : BarIndicator($"STOCH({fastK},{fastD},{slowD})", fastK)
{
    public RollingMaximum HighestHigh { get; } = new(fastK);
    public RollingMinimum LowestLow { get; } = new(fastK);
    public SimpleMovingAverage FastD { get; } = new(fastD);
    public SimpleMovingAverage SlowD { get; } = new(slowD);

    protected override double ComputeNextValue(in Bar bar)
    {
        var highest = HighestHigh.Update(bar.High);
        var lowest = LowestLow.Update(bar.Low);
        if (double.IsNaN(highest)) return double.NaN;
        var range = highest - lowest;
        var k = range != 0 ? (bar.Close - lowest) / range : 0.5;
        var d = FastD.Update(k);
        if (!double.IsNaN(d)) SlowD.Update(d);
        return k;
    }

    public override void Reset()
    {
        base.Reset();
        HighestHigh.Reset();
        LowestLow.Reset();
        FastD.Reset();
        SlowD.Reset();
    }
}
