namespace Project01.Core.Indicators;

/// <summary>
/// Standard deviation over the last n inputs, sample (n − 1, TTR <c>runSD</c> default) or population (n, as inside
/// TTR's <c>BBands</c>). O(1) per update: the window's mean and sum of squared deviations slide as one value enters
/// and one leaves (Welford's update, applied in both directions), which avoids the cancellation of Σx² − n·mean².
/// </summary>
public sealed class RollingStandardDeviation : Indicator
{
    private readonly RollingWindow<double> _window;
    private double _mean;
    private double _m2;

    public RollingStandardDeviation(int period, bool sample = true)
        : base(sample ? $"SD({period})" : $"SDP({period})", period)
    {
        if (period < 2) throw new ArgumentOutOfRangeException(nameof(period), "period must be at least 2");
        Period = period;
        IsSample = sample;
        _window = new RollingWindow<double>(period);
    }

    public int Period { get; }
    public bool IsSample { get; }

    /// <summary>Mean of the current window (defined once the window is full).</summary>
    public double Mean => _window.IsFull ? _mean : double.NaN;

    protected override double ComputeNextValue(double input)
    {
        if (_window.Add(input, out var removed))
        {
            var oldMean = _mean;
            _mean = oldMean + (input - removed) / Period;
            _m2 += (input - removed) * (input - _mean + removed - oldMean);
            if (_m2 < 0) _m2 = 0; // rounding can push a flat window's M2 a hair below zero
        }
        else
        {
            var delta = input - _mean;
            _mean += delta / _window.Count;
            _m2 += delta * (input - _mean);
        }
        if (!_window.IsFull) return double.NaN;
        return Math.Sqrt(_m2 / (IsSample ? Period - 1 : Period));
    }

    public override void Reset()
    {
        base.Reset();
        _window.Reset();
        _mean = 0;
        _m2 = 0;
    }
}
