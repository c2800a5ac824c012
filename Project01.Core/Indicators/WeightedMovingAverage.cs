namespace Project01.Core.Indicators;

/// <summary>
/// Linearly weighted moving average (TTR <c>WMA(x, n)</c>, default <c>wts = 1:n</c>): Σ k·x[t−n+k] / (n(n+1)/2),
/// the newest input weighted n and the oldest 1; first value at input n. O(1): when x enters, every weight in the
/// window drops by one (the oldest to zero), so numerator' = numerator − Σwindow + n·x and Σwindow' = Σwindow + x −
/// oldest. Both running sums are re-summed from the window every n updates so that rounding left by values long gone
/// does not build up (O(n) once per n updates: amortised O(1)).
/// </summary>
public sealed class WeightedMovingAverage : Indicator
{
    private readonly RollingWindow<double> _window;
    private readonly double _weightSum;
    private double _numerator;
    private double _sum;
    private int _sinceAnchor;

    public WeightedMovingAverage(int period) : base($"WMA({period})", period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _window = new RollingWindow<double>(period);
        _weightSum = period * (period + 1) / 2.0;
    }

    public int Period { get; }

    protected override double ComputeNextValue(double input)
    {
        if (!_window.IsFull)
        {
            // Filling: the k-th input starts with weight k, which is where it belongs once the window is full.
            _window.Add(input, out _);
            _numerator += _window.Count * input;
            _sum += input;
            return _window.IsFull ? _numerator / _weightSum : double.NaN;
        }
        _numerator += Period * input - _sum;
        _window.Add(input, out var removed);
        _sum += input - removed;
        if (++_sinceAnchor == Period) Reanchor();
        return _numerator / _weightSum;
    }

    // Oldest first with weights 1..n, the order of TTR's C loop.
    private void Reanchor()
    {
        _sinceAnchor = 0;
        double numerator = 0, sum = 0;
        for (var age = Period - 1; age >= 0; age--)
        {
            var x = _window[age];
            numerator += x * (Period - age);
            sum += x;
        }
        _numerator = numerator;
        _sum = sum;
    }

    public override void Reset()
    {
        base.Reset();
        _window.Reset();
        _numerator = 0;
        _sum = 0;
        _sinceAnchor = 0;
    }
}
