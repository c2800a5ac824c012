namespace Project01.Core.Indicators;

/// <summary>Lowest of the last n inputs (TTR <c>runMin(x, n)</c>), first at input n; amortised O(1) with a monotonic deque.</summary>
public sealed class RollingMinimum(int period) : Indicator($"MIN({period})", period)
{
    private readonly MonotonicDeque _deque = new(period, maximum: false);

    public int Period { get; } = period;

    protected override double ComputeNextValue(double input)
    {
        var minimum = _deque.Push(Samples, input);
        return Samples >= Period ? minimum : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        _deque.Reset();
    }
}
