namespace Project01.Core.Indicators;

/// <summary>Rate of change over n inputs, x[t]/x[t−n] − 1 as a fraction (TTR <c>ROC(x, n, type = "discrete")</c>); first at input n + 1.</summary>
public sealed class RateOfChange : Indicator
{
    private readonly RollingWindow<double> _window;

    public RateOfChange(int period = 1) : base($"ROC({period})", period + 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow<double>(period + 1);
    }

    public int Period { get; }

    protected override double ComputeNextValue(double input)
    {
        _window.Add(input, out _);
        return _window.IsFull ? input / _window[Period] - 1 : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        _window.Reset();
    }
}
