using Project01.Backtesting.Strategies;

namespace Project01.Backtesting;

/// <summary>Transaction costs in basis points of traded notional, and how many periods make a year (252 trading days).</summary>
public sealed record BacktestOptions(double CostBps = 0, int PeriodsPerYear = 252);

/// <summary>One period: weights set at the close of <see cref="Date"/>, held to the next close.
/// <see cref="Turnover"/> is the traded notional Σ|w_new − w_drifted| as a fraction of equity.</summary>
public sealed record BacktestPeriod(DateTime Date, int Positions, double GrossReturn, double Cost, double NetReturn, double Turnover, double Equity, double Drawdown);

public sealed record BacktestResult(string Strategy, BacktestOptions Options, IReadOnlyList<BacktestPeriod> Periods, PerformanceSummary Performance, SignalQuality Signals);

/// <summary>
/// Runs a strategy over signals period by period. Equity starts at 1. At each date the strategy sets target weights;
/// trading from the previous weights, drifted by the previous period's returns, to the targets costs
/// <c>CostBps</c>/10⁴ × the traded notional, charged in that period; the period's net return is Σ w·r − cost, and
/// weights then drift: w_i ← w_i (1 + r_i) / (1 + net return). The first period trades in from cash; the positions
/// left at the end are not sold.
/// </summary>
public static class Backtester
{
    public static BacktestResult Run(IEnumerable<Signal> signals, IPortfolioStrategy strategy, BacktestOptions? options = null)
    {
        options ??= new BacktestOptions();
        var all = signals.ToList();
        var drifted = new Dictionary<string, double>(StringComparer.Ordinal);
        var periods = new List<BacktestPeriod>();
        double equity = 1, peak = 1;
        foreach (var day in all.GroupBy(s => s.Date).OrderBy(g => g.Key))
        {
            var today = day.ToList();
            if (today.Select(s => s.Symbol).Distinct(StringComparer.Ordinal).Count() != today.Count)
                throw new ArgumentException($"{day.Key:yyyy-MM-dd}: more than one signal for a symbol");
            var target = strategy.TargetWeights(today, drifted.Keys.ToHashSet(StringComparer.Ordinal));
            var returns = today.ToDictionary(s => s.Symbol, s => s.Return, StringComparer.Ordinal);
            foreach (var symbol in target.Keys)
                if (!returns.ContainsKey(symbol)) throw new InvalidOperationException($"{strategy.Name} wants {symbol} on {day.Key:yyyy-MM-dd}, which has no signal");

            var turnover = target.Keys.Union(drifted.Keys).Sum(s => Math.Abs(target.GetValueOrDefault(s) - drifted.GetValueOrDefault(s)));
            var cost = options.CostBps / 10_000 * turnover;
            var gross = target.Sum(w => w.Value * returns[w.Key]);
            var net = gross - cost;
            equity *= 1 + net;
            peak = Math.Max(peak, equity);
            periods.Add(new BacktestPeriod(day.Key, target.Count(w => w.Value != 0), gross, cost, net, turnover, equity, equity / peak - 1));

            drifted = target.Where(w => w.Value != 0).ToDictionary(w => w.Key, w => w.Value * (1 + returns[w.Key]) / (1 + net), StringComparer.Ordinal);
        }
        return new BacktestResult(strategy.Name, options, periods, PerformanceSummary.Compute(periods, options.PeriodsPerYear), SignalQuality.Compute(all));
    }
}
