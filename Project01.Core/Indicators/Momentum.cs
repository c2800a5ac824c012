namespace Project01.Core.Indicators;

/// <summary>Momentum over n inputs, x[t] − x[t−n] in price units (TTR <c>momentum(x, n)</c>); first at input n + 1.</summary>
public sealed class Momentum : Indicator
{
    private readonly RollingWindow<double> _window;

    public Momentum(int period = 1) : base($"MOM({period})", period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow<double>(period + 1);
    }

    public int Period { get; }

    protected override double ComputeNextValue(double input)
    {
        _window.Add(input, out _);
        return _window.IsFull ? input - _window[Period] : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        _window.Reset();
    }
}
