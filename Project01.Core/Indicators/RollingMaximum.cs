namespace Project01.Core.Indicators;

/// <summary>Highest of the last n inputs (TTR <c>runMax(x, n)</c>), first at input n; amortised O(1) with a monotonic deque.</summary>
public sealed class RollingMaximum(int period) : Indicator($"MAX({period})", period)
{
    private readonly MonotonicDeque _deque = new(period, maximum: true);

    public int Period { get; } = period;

    protected override double ComputeNextValue(double input)
    {
        var maximum = _deque.Push(Samples, input);
        return Samples >= Period ? maximum : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        _deque.Reset();
    }
}
