namespace Project01.Backtesting;

/// <summary>
/// Risk and return of a backtest's net period returns r₁..r_T (P periods a year, no risk-free rate):
/// annual return (E_T)^(P/T) − 1; annual volatility sd(r)·√P (sample sd); Sharpe mean(r)/sd(r)·√P; Sortino
/// mean(r)/√(mean(min(r, 0)²))·√P; max drawdown, the largest fall from a peak of equity (as a positive fraction, the
/// starting equity of 1 counting as a peak); Calmar, annual return / max drawdown; hit rate, the share of periods with
/// r &gt; 0; turnover, the mean traded notional per period. Undefined ratios are NaN.
/// </summary>
public sealed record PerformanceSummary(
    int Periods, double TotalReturn, double AnnualReturn, double AnnualVolatility, double Sharpe, double Sortino,
    double MaxDrawdown, double Calmar, double HitRate, double Turnover)
{
    public static PerformanceSummary Compute(IReadOnlyList<BacktestPeriod> periods, int periodsPerYear)
    {
        var n = periods.Count;
        if (n == 0) return new PerformanceSummary(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN);
        var r = periods.Select(p => p.NetReturn).ToArray();
        var equity = periods[^1].Equity;
        var mean = r.Average();
        var sd = n > 1 ? Math.Sqrt(r.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : double.NaN;
        var downside = Math.Sqrt(r.Sum(v => Math.Min(v, 0) * Math.Min(v, 0)) / n);
        var annualReturn = Math.Pow(equity, (double)periodsPerYear / n) - 1;
        var maxDrawdown = -periods.Min(p => p.Drawdown);
        var sqrtP = Math.Sqrt(periodsPerYear);
        return new PerformanceSummary(n, equity - 1, annualReturn, sd * sqrtP,
            sd > 0 ? mean / sd * sqrtP : double.NaN,
            downside > 0 ? mean / downside * sqrtP : double.NaN,
            maxDrawdown,
            maxDrawdown > 0 ? annualReturn / maxDrawdown : double.NaN,
            (double)r.Count(v => v > 0) / n,
            periods.Average(p => p.Turnover));
    }
}
