namespace Project01.Core.Indicators;

/// <summary>
/// Bollinger bands over closes (TTR <c>BBands(close, n, sd)</c>): middle = SMA(n), bands = middle ± k·σ with the
/// population σ, %B = (close − lower)/(upper − lower). <see cref="Indicator.Current"/> is the middle band.
/// </summary>
public sealed class BollingerBands(int period = 20, double k = 2) : Indicator($"BB({period},{k})", period)
{
    private readonly SimpleMovingAverage _middle = new(period);
    private readonly RollingStandardDeviation _sd = new(period, sample: false);

    public double K { get; } = k;
    public double Upper { get; private set; } = double.NaN;
    public double Lower { get; private set; } = double.NaN;
    public double PercentB { get; private set; } = double.NaN;

    protected override double ComputeNextValue(double input)
    {
        var middle = _middle.Update(input);
        var sd = _sd.Update(input);
        Upper = middle + K * sd;
        Lower = middle - K * sd;
        PercentB = (input - Lower) / (Upper - Lower);
        return middle;
    }

    public override void Reset()
    {
        base.Reset();
        _middle.Reset();
        _sd.Reset();
        Upper = Lower = PercentB = double.NaN;
    }
}
