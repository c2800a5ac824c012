namespace Project01.Core.Indicators;

/// <summary>
/// Standard deviation over the last n inputs, sample (n − 1, TTR <c>runSD</c> default) or population (n, as inside
/// TTR's <c>BBands</c>). O(1) per update: the window's mean and sum of squared deviations slide as one value enters
/// and one leaves (Welford's update, applied in both directions), which avoids the cancellation of Σx² − n·mean².
/// Sliding still accumulates rounding error, and loses digits when a far outlier leaves the window, so the window is
/// re-summed two-pass every n updates and whenever one step removes most of M2 (O(n) at most once per n updates on
/// ordinary data: amortised O(1)).
/// </summary>
public sealed class RollingStandardDeviation : Indicator
{
    private readonly RollingWindow<double> _window;
    private double _mean;
    private double _m2;
    private int _sinceAnchor;

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

    /// <summary>The population σ (divisor n) of the current window, whichever <see cref="IsSample"/> says
    /// <see cref="Indicator.Current"/> is: one window serves both TTR's runSD and the σ inside its BBands.</summary>
    public double Population => _window.IsFull ? Math.Sqrt(_m2 / Period) : double.NaN;

    protected override double ComputeNextValue(double input)
    {
        if (_window.Add(input, out var removed))
        {
            var oldMean = _mean;
            var oldM2 = _m2;
            _mean = oldMean + (input - removed) / Period;
            _m2 += (input - removed) * (input - _mean + removed - oldMean);
            // Losing most of M2 in one step (a far outlier leaving) cancels digits: re-sum then, and every n steps.
            if (++_sinceAnchor == Period || _m2 < oldM2 * 1e-3) Reanchor();
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

    private void Reanchor()
    {
        _sinceAnchor = 0;
        double sum = 0;
        for (var i = 0; i < _window.Count; i++) sum += _window[i];
        _mean = sum / Period;
        double m2 = 0;
        for (var i = 0; i < _window.Count; i++) m2 += (_window[i] - _mean) * (_window[i] - _mean);
        _m2 = m2;
    }

    public override void Reset()
    {
        base.Reset();
        _window.Reset();
        _mean = 0;
        _m2 = 0;
        _sinceAnchor = 0;
    }
}
