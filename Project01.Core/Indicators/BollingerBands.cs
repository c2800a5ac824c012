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
        (Lower, Upper, PercentB) = Bands(input, middle, _sd.Update(input), K);
        return middle;
    }

    /// <summary>The bands and %B from a window's mean and population σ (for callers that already keep both).</summary>
    public static (double Lower, double Upper, double PercentB) Bands(double close, double middle, double sd, double k)
    {
        var upper = middle + k * sd;
        var lower = middle - k * sd;
        return (lower, upper, (close - lower) / (upper - lower));
    }

    public override void Reset()
    {
        base.Reset();
        _middle.Reset();
        _sd.Reset();
        Upper = Lower = PercentB = double.NaN;
    }
}
