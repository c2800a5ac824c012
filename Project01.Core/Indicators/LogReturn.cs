namespace Project01.Core.Indicators;

/// <summary>Log return over k inputs: ln(x_t) − ln(x_{t−k}) (TTR <c>ROC(type = "continuous")</c> for k = 1).</summary>
public sealed class LogReturn(int period = 1) : Indicator($"LOGRET({period})", period + 1)
{
    private readonly RollingWindow<double> _logs = new(period + 1);

    public int Period { get; } = period;

    /// <summary>ln(x_t) − ln(x_{t−k}) for 1 ≤ k ≤ <see cref="Period"/>, from the same window (NaN until k + 1 inputs):
    /// one logarithm a bar serves every shorter horizon too.</summary>
    public double Over(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Period);
        return _logs.Count > k ? _logs[0] - _logs[k] : double.NaN;
    }

    protected override double ComputeNextValue(double input)
    {
        var log = Math.Log(input);
        _logs.Add(log, out _);
        return _logs.IsFull ? log - _logs[Period] : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        _logs.Reset();
    }
}
