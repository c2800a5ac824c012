namespace Project01.Core.Indicators;

/// <summary>
/// RSI(n) with Wilder smoothing (TTR <c>RSI</c> defaults): gains and losses of close-to-close changes, each smoothed by
/// a Wilder EMA seeded with the mean of the first n changes; rsi = 100·up/(up + down). First value at input n + 1.
/// </summary>
public sealed class RelativeStrengthIndex(int period) : Indicator($"RSI({period})", period + 1)
{
    private double _previous = double.NaN;

    public int Period { get; } = period;
    public ExponentialMovingAverage AverageGain { get; } = ExponentialMovingAverage.Wilder(period);
    public ExponentialMovingAverage AverageLoss { get; } = ExponentialMovingAverage.Wilder(period);

    protected override double ComputeNextValue(double input)
    {
        var previous = _previous;
        _previous = input;
        if (double.IsNaN(previous)) return double.NaN;
        var change = input - previous;
        var up = AverageGain.Update(change > 0 ? change : 0);
        var down = AverageLoss.Update(change < 0 ? -change : 0);
        return double.IsNaN(up) ? double.NaN : 100 * up / (up + down);
    }

    public override void Reset()
    {
        base.Reset();
        _previous = double.NaN;
        AverageGain.Reset();
        AverageLoss.Reset();
    }
}
