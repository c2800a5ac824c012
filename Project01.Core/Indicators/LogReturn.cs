namespace Project01.Core.Indicators;

/// <summary>Log return over k inputs: ln(x_t) − ln(x_{t−k}) (TTR <c>ROC(type = "continuous")</c> for k = 1).</summary>
public sealed class LogReturn(int period = 1) : Indicator($"LOGRET({period})", period + 1)
{
    private readonly RollingWindow<double> _logs = new(period + 1);

    public int Period { get; } = period;

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
