namespace Project01.Core.Indicators;

/// <summary>
/// Volume over its simple mean of the last n bars (price_v1's <c>volume_ratio20</c> for n = 20, bit for bit); first
/// at input n, NaN while the mean is 0 (close-only series carry no volume).
/// </summary>
public sealed class VolumeRatio(int period = 20) : Indicator($"VOLRATIO({period})", period)
{
    public SimpleMovingAverage Mean { get; } = new(period);

    public int Period { get; } = period;

    protected override double ComputeNextValue(double input)
    {
        var mean = Mean.Update(input);
        return mean > 0 ? input / mean : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        Mean.Reset();
    }
}
