namespace Project01.Core.Indicators;

/// <summary>
/// Annualised realised volatility of the last n one-period log returns, √(periodsPerYear/n · Σ r²) with no mean
/// subtracted — price_v1's <c>rv20</c> for n = 20 and 252 periods a year, bit for bit. Takes prices; first value at
/// input n + 1 (n returns need n + 1 prices). After a stretch of unchanged prices the running Σr² can sit a rounding
/// error below zero; that reads as 0 here, as in price_v1's rv20.
/// </summary>
public sealed class RealizedVolatility(int period = 20, double periodsPerYear = 252)
    : Indicator($"RV({period})", period + 1)
{
    private readonly LogReturn _return = new(1);
    private readonly Sum _squares = new(period);
    private readonly double _scale = periodsPerYear / period;

    public int Period { get; } = period;
    public double PeriodsPerYear { get; } = periodsPerYear;

    protected override double ComputeNextValue(double input)
    {
        var r = _return.Update(input);
        return double.IsNaN(r) ? double.NaN : Math.Sqrt(Math.Max(_squares.Update(r * r), 0) * _scale);
    }

    public override void Reset()
    {
        base.Reset();
        _return.Reset();
        _squares.Reset();
    }
}
