namespace Project01.Core.Indicators;

/// <summary>Running sum over the last n inputs, updated as sum + new − evicted (TTR's runSum order).</summary>
public sealed class Sum(int period) : Indicator($"SUM({period})", period)
{
    private readonly RollingWindow<double> _window = new(period);
    private double _sum;

    public int Period { get; } = period;

    protected override double ComputeNextValue(double input)
    {
        _sum += input;
        if (_window.Add(input, out var removed)) _sum -= removed;
        return _window.IsFull ? _sum : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        _window.Reset();
        _sum = 0;
    }
}
