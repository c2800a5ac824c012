namespace Project01.Core.Indicators;

/// <summary>
/// Rolling z-score (x − mean)/σ over the last n inputs, the window including x: in TTR terms
/// <c>(x − runMean(x, n)) / runSD(x, n)</c>, so σ is the sample SD (n − 1) unless <c>sample: false</c>. First value
/// at input n; NaN while σ is 0 (a flat window has no scale). O(1) through <see cref="RollingStandardDeviation"/>.
/// </summary>
public sealed class RollingZScore(int period = 20, bool sample = true)
    : Indicator(sample ? $"ZSCORE({period})" : $"ZSCOREP({period})", period)
{
    public RollingStandardDeviation StandardDeviation { get; } = new(period, sample);

    public int Period { get; } = period;

    protected override double ComputeNextValue(double input)
    {
        var sd = StandardDeviation.Update(input);
        return sd > 0 ? (input - StandardDeviation.Mean) / sd : double.NaN;
    }

    public override void Reset()
    {
        base.Reset();
        StandardDeviation.Reset();
    }
}
