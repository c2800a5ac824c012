using Project01.Backtesting;
using Project01.Backtesting.Strategies;

namespace Project01.Backtesting.Tests;

/// <summary>Tiny series whose every number is worked out by hand below.</summary>
public sealed class BacktestTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Signal S(int day, string symbol, double score, double ret) => new(Day0.AddDays(day), symbol, score, ret);

    [Fact]
    public void LongFlatWithCostsEquityDrawdownAndRatios()
    {
        Signal[] signals = [S(0, "X", 1, 0.10), S(1, "X", -1, -0.05), S(2, "X", 2, -0.20), S(3, "X", 0.5, 0.05)];
        var result = Backtester.Run(signals, new LongFlatStrategy(), new BacktestOptions(CostBps: 10, PeriodsPerYear: 252));
        var p = result.Periods;

        // Day 0: buy from cash (turnover 1, cost 0.001): net 0.10 − 0.001; the position drifts to 1.1/1.099 of equity.
        Assert.Equal((1.0, 0.001, 0.099), (p[0].Turnover, Round(p[0].Cost), Round(p[0].NetReturn)));
        // Day 1: sell it all (turnover 1.1/1.099); flat, so only the cost: equity 1.099 − 0.0011 = 1.0979.
        Assert.Equal(1.1 / 1.099, p[1].Turnover, 12);
        Assert.Equal(1.0979, p[1].Equity, 12);
        // Day 2: buy again (cost 0.001), lose 20%: equity 1.0979 · 0.799; drawdown from the 1.099 peak.
        Assert.Equal(1.0979 * 0.799, p[2].Equity, 12);
        Assert.Equal(1.0979 * 0.799 / 1.099 - 1, p[2].Drawdown, 12);
        // Day 3: stay long; the position drifted to 0.8/0.799, so trimming back to 1 trades 0.001/0.799.
        Assert.Equal(0.001 / 0.799, p[3].Turnover, 12);
        var net = new[] { 0.099, -0.0011 / 1.099, -0.201, 0.05 - 0.001 * 0.001 / 0.799 };
        Assert.Equal(net.Select(x => Math.Round(x, 12)), p.Select(x => Math.Round(x.NetReturn, 12)));

        var equity = 1.0979 * 0.799 * (1 + net[3]);
        var mean = net.Average();
        var sd = Math.Sqrt(net.Sum(r => (r - mean) * (r - mean)) / 3);
        var downside = Math.Sqrt((net[1] * net[1] + net[2] * net[2]) / 4);
        var perf = result.Performance;
        Assert.Equal(equity - 1, perf.TotalReturn, 12);
        Assert.Equal(Math.Pow(equity, 252.0 / 4) - 1, perf.AnnualReturn, 9);
        Assert.Equal(sd * Math.Sqrt(252), perf.AnnualVolatility, 12);
        Assert.Equal(mean / sd * Math.Sqrt(252), perf.Sharpe, 12);
        Assert.Equal(mean / downside * Math.Sqrt(252), perf.Sortino, 12);
        Assert.Equal(1 - 1.0979 * 0.799 / 1.099, perf.MaxDrawdown, 12);
        Assert.Equal(perf.AnnualReturn / perf.MaxDrawdown, perf.Calmar, 12);
        Assert.Equal(0.5, perf.HitRate);
        Assert.Equal((1 + 1.1 / 1.099 + 1 + 0.001 / 0.799) / 4, perf.Turnover, 12);
        // One asset: IC is the time-series correlation of scores and returns; ICIR is undefined.
        Assert.False(result.Signals.CrossSectional);
        Assert.True(double.IsNaN(result.Signals.Icir));
    }

    [Fact]
    public void TopkDropoutHoldsKNamesAndSwapsAtMostNDropPerPeriod()
    {
        Signal[] signals =
        [
            S(0, "A", 4, 0.02), S(0, "B", 3, -0.01), S(0, "C", 2, 0.05), S(0, "D", 1, 0.00),
            S(1, "A", 1, 0.10), S(1, "B", 4, 0.01), S(1, "C", 3, -0.02), S(1, "D", 2, 0.00),
            S(2, "A", 3, 0.01), S(2, "B", 1, 0.00), S(2, "C", 4, 0.03), S(2, "D", 2, -0.01),
        ];
        var result = Backtester.Run(signals, new TopkDropoutStrategy(k: 2, nDrop: 1), new BacktestOptions(CostBps: 20));
        var p = result.Periods;

        // Day 0: nothing held → candidates A, B, C (n_drop + k); buy the best two: A, B at 1/2 each.
        Assert.Equal(0.5 * 0.02 + 0.5 * -0.01 - 0.002 * 1, p[0].NetReturn, 12);
        // Day 1: held B (4), A (1); best not held: C (3). Worst of {B, C, A} is A → sell A, buy C.
        var equity0 = 1 + p[0].NetReturn;
        var turnover1 = 0.5 * 1.02 / equity0 + Math.Abs(0.5 - 0.5 * 0.99 / equity0) + 0.5;
        Assert.Equal(turnover1, p[1].Turnover, 12);
        Assert.Equal(0.5 * 0.01 + 0.5 * -0.02 - 0.002 * turnover1, p[1].NetReturn, 12);
        // Day 2: held C (4), B (1); best not held: A (3). Worst of {C, A, B} is B → sell B, buy A.
        Assert.Equal(0.5 * 0.03 + 0.5 * 0.01 - 0.002 * p[2].Turnover, p[2].NetReturn, 12);
        Assert.All(p, x => Assert.Equal(2, x.Positions));

        // Daily rank ICs by hand: day 0: 0; day 1: −0.4; day 2: 0.8.
        var ics = new[] { 0, -0.4, 0.8 };
        var mean = ics.Average();
        var sd = Math.Sqrt(ics.Sum(v => (v - mean) * (v - mean)) / 2);
        Assert.True(result.Signals.CrossSectional);
        Assert.Equal(mean, result.Signals.RankIc, 12);
        Assert.Equal(mean / sd, result.Signals.Icir, 12);
    }

    [Fact]
    public void TopkDropoutKeepsHoldingsThatStillRankWell()
    {
        // Scores barely move: the held names stay the two best, so nothing is sold and only drift is traded.
        Signal[] signals = [S(0, "A", 3, 0.01), S(0, "B", 2, 0.01), S(0, "C", 1, 0.01), S(1, "A", 3.1, 0), S(1, "B", 2.1, 0), S(1, "C", 1, 0)];
        var p = Backtester.Run(signals, new TopkDropoutStrategy(2, 1)).Periods;
        Assert.Equal(1.0, p[0].Turnover, 12);
        Assert.Equal(0, p[1].Turnover, 12); // equal returns: the weights did not even drift
    }

    [Fact]
    public void LongShortQuantileEarnsTheSpread()
    {
        Signal[] signals =
        [
            S(0, "A", 4, 0.03), S(0, "B", 3, 0.10), S(0, "C", 2, -0.10), S(0, "D", 1, -0.02),
            S(1, "A", 1, 0.01), S(1, "B", 2, 0.00), S(1, "C", 3, 0.00), S(1, "D", 4, 0.02),
        ];
        var p = Backtester.Run(signals, new LongShortQuantileStrategy(0.25), new BacktestOptions(CostBps: 5)).Periods;
        // Day 0: long A, short D (one name per leg of four): 0.03 − (−0.02) = 0.05, turnover 2 (cost 0.001).
        Assert.Equal(2, p[0].Turnover, 12);
        Assert.Equal(0.05 - 0.001, p[0].NetReturn, 12);
        // Day 1: long D, short A: close both and open both again.
        var e0 = 1 + p[0].NetReturn;
        var turnover = 1.03 / e0 + 0.98 / e0 + 1 + 1; // A long 1.03/e0 → short 1; D short −0.98/e0 → long 1
        Assert.Equal(turnover, p[1].Turnover, 12);
        Assert.Equal(0.02 - 0.01 - 0.0005 * turnover, p[1].NetReturn, 12);
    }

    [Fact]
    public void StrategiesRejectImpossibleSettings()
    {
        Assert.Throws<ArgumentException>(() => new TopkDropoutStrategy(2, 3));
        Assert.Throws<ArgumentException>(() => new LongShortQuantileStrategy(0.7));
        Assert.Throws<ArgumentException>(() => Backtester.Run([S(0, "A", 1, 0), S(0, "B", 1, 0)], new LongFlatStrategy()));
    }

    private static double Round(double v) => Math.Round(v, 12);

    [Fact]
    public void MonthlyReturnsCompoundWithinEachMonth()
    {
        DateTime D(int m, int d) => new(2020, m, d, 0, 0, 0, DateTimeKind.Utc);
        var months = PeriodReturns.Monthly([D(1, 2), D(1, 31), D(2, 3), D(2, 28), D(3, 2)], [1.01, 1.10, 1.05, 0.99, 1.089]);
        Assert.Equal(3, months.Count);
        Assert.Equal((2020, 1), (months[0].Year, months[0].Month));
        Assert.Equal(0.10, months[0].Return, 12);
        Assert.Equal(0.99 / 1.10 - 1, months[1].Return, 12);
        Assert.Equal(1.089 / 0.99 - 1, months[2].Return, 12);
    }
}
