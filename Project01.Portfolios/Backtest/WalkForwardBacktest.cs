using Project01.Backtesting;

namespace Project01.Portfolios.Backtest;

/// <summary>How often to rebalance.</summary>
public enum Rebalance { Monthly, Daily }

/// <summary>The test span starts at the first session on or after <see cref="TestStart"/>; each rebalance estimates
/// on the <see cref="Window"/> daily returns up to and including the close it trades at.</summary>
public sealed record PortfolioBacktestOptions(DateTime TestStart, int Window = 252, double CostBps = 10, Rebalance Rebalance = Rebalance.Monthly);

/// <summary>A backtest of one allocator: the periods (one per test day, dated by the close that ends it) in the
/// Backtesting shape, their summary, how often it traded and what it held at the end.</summary>
public sealed record PortfolioRun(string Method, IReadOnlyList<BacktestPeriod> Periods, PerformanceSummary Performance, int Rebalances, double TotalCost, IReadOnlyList<double> FinalWeights);

/// <summary>
/// Walk-forward portfolio backtest. Weights are set at a close and earn the next day's returns: at the close before
/// the test span and then at the last close of each month (or every close), the allocator sees only returns up to
/// that close. Trading from the drifted weights costs CostBps/10⁴ × Σ|w_new − w_held| (traded notional over equity),
/// charged in the day that follows; net = Σ w·r − cost. Between trades the weights drift: w_i ← w_i (1 + r_i) / (1 + Σ w·r),
/// cash included at a zero return.
/// </summary>
public static class WalkForwardBacktest
{
    public static PortfolioRun Run(ReturnPanel panel, IAllocator allocator, PortfolioBacktestOptions options, Action<string>? progress = null)
    {
        var first = panel.IndexOnOrAfter(options.TestStart);
        if (first >= panel.Dates.Count) throw new ArgumentException($"no session on or after the test start {options.TestStart:yyyy-MM-dd}");
        if (first < options.Window) throw new ArgumentException($"the test start leaves {first} returns before it, the window needs {options.Window}");

        var n = panel.Symbols.Count;
        var held = new double[n];
        var periods = new List<BacktestPeriod>();
        double equity = 1, peak = 1, totalCost = 0;
        var rebalances = 0;
        for (var t = first; t < panel.Dates.Count; t++)
        {
            var decision = t - 1; // the close at which the weights for day t are set
            var turnover = 0.0;
            if (decision == first - 1 || IsRebalanceDay(panel, decision, options.Rebalance))
            {
                var history = panel.Returns.SubMatrix(decision - options.Window + 1, options.Window, 0, n);
                var target = Validate(allocator.Allocate(history, held), n, allocator.Name, panel.Dates[decision]);
                for (var i = 0; i < n; i++) turnover += Math.Abs(target[i] - held[i]);
                held = target;
                rebalances++;
                if (rebalances % 12 == 0) progress?.Invoke($"{allocator.Name}: {panel.Dates[decision]:yyyy-MM-dd}, equity {equity:F3}");
            }
            var cost = options.CostBps / 10_000 * turnover;
            var gross = 0.0;
            for (var i = 0; i < n; i++) gross += held[i] * panel.Returns[t, i];
            var net = gross - cost;
            equity *= 1 + net;
            peak = Math.Max(peak, equity);
            totalCost += cost;
            periods.Add(new BacktestPeriod(panel.Dates[t], held.Count(w => w > 0), gross, cost, net, turnover, equity, equity / peak - 1));
            for (var i = 0; i < n; i++) held[i] = held[i] * (1 + panel.Returns[t, i]) / (1 + gross);
        }
        return new PortfolioRun(allocator.Name, periods, PerformanceSummary.Compute(periods, 252), rebalances, totalCost, held);
    }

    private static bool IsRebalanceDay(ReturnPanel panel, int day, Rebalance rebalance) => rebalance switch
    {
        Rebalance.Daily => true,
        _ => day + 1 < panel.Dates.Count && panel.Dates[day + 1].Month != panel.Dates[day].Month,
    };

    private static double[] Validate(double[] w, int n, string name, DateTime date)
    {
        if (w.Length != n) throw new InvalidOperationException($"{name} gave {w.Length} weights for {n} assets on {date:yyyy-MM-dd}");
        if (w.Any(x => !(x >= -1e-12)) || w.Sum() > 1 + 1e-9)
            throw new InvalidOperationException($"{name} gave weights outside the long-only budget on {date:yyyy-MM-dd}");
        return [.. w.Select(x => Math.Max(x, 0))];
    }
}
