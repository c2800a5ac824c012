namespace Project01.Core.Indicators;

/// <summary>SMA(n) = runSum(n) / n, first value at input n (TTR <c>SMA</c>).</summary>
public sealed class SimpleMovingAverage(int period) : Indicator($"SMA({period})", period)
{
    private readonly Sum _sum = new(period);

    public int Period { get; } = period;

    protected override double ComputeNextValue(double input) => _sum.Update(input) / Period;

    public override void Reset()
    {
        base.Reset();
        _sum.Reset();
    }
}
