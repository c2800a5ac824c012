namespace Project01.Core.Indicators;

/// <summary>
/// EMA with TTR's seeding: the first value (at input n) is the simple mean of the first n inputs, accumulated as
/// Σ x/n; afterwards ema = α·x + (1 − α)·ema. α = 2/(n+1), or 1/n for Wilder smoothing.
/// </summary>
public sealed class ExponentialMovingAverage : Indicator
{
    private double _seed;
    private double _value = double.NaN;

    public ExponentialMovingAverage(int period, bool wilder = false)
        : base(wilder ? $"WILDER({period})" : $"EMA({period})", period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), "period must be at least 1");
        Period = period;
        Alpha = wilder ? 1.0 / period : 2.0 / (period + 1);
    }

    public int Period { get; }
    public double Alpha { get; }

    public static ExponentialMovingAverage Wilder(int period) => new(period, wilder: true);

    protected override double ComputeNextValue(double input)
    {
        if (Samples < Period)
        {
            _seed += input / Period;
            return double.NaN;
        }
        _value = Samples == Period ? _seed + input / Period : input * Alpha + _value * (1 - Alpha);
        return _value;
    }

    public override void Reset()
    {
        base.Reset();
        _seed = 0;
        _value = double.NaN;
    }
}
