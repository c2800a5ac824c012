using MathNet.Numerics.LinearAlgebra;
using Project01.Portfolios.Allocators;
using Project01.Portfolios.Backtest;

namespace Project01.Portfolios.Tests;

public sealed class WalkForwardBacktestTests
{
    // Two assets over 2000–2001 business days: A returns +1 % on even days and −1 % on odd days, B a flat +0.1 %.
    private static ReturnPanel Panel()
    {
        var dates = new List<DateTime>();
        for (var d = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc); d.Year < 2002; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) dates.Add(d);
        var returns = Matrix<double>.Build.Dense(dates.Count, 2, (t, i) => i == 0 ? (t % 2 == 0 ? 0.01 : -0.01) : 0.001);
        return new ReturnPanel(dates, ["A", "B"], returns);
    }

    [Fact]
    public void EqualWeightRebalancesMonthlyAndPaysCostsOnTradedNotional()
    {
        var panel = Panel();
        var run = WalkForwardBacktest.Run(panel, new EqualWeight(), new PortfolioBacktestOptions(new DateTime(2001, 1, 1), Window: 100, CostBps: 10));
        Assert.Equal(12, run.Rebalances); // the close before January, then the last close of each month but December's
        Assert.Equal(new DateTime(2001, 1, 1), run.Periods[0].Date);
        Assert.Equal(1, run.Periods[0].Turnover, 12); // bought from cash
        Assert.Equal(0.001, run.Periods[0].Cost, 12);
        // Every later rebalance trades exactly the drift back to ½/½.
        var costDays = run.Periods.Where(p => p.Cost > 0).ToList();
        Assert.Equal(12, costDays.Count);
        Assert.All(costDays, p => Assert.Equal(p.Turnover * 0.001, p.Cost, 15));
        Assert.Equal(run.Periods.Sum(p => p.Cost), run.TotalCost, 12);
        var equity = run.Periods.Aggregate(1.0, (e, p) => e * (1 + p.NetReturn));
        Assert.Equal(equity, run.Periods[^1].Equity, 12);
        Assert.Equal(1, run.FinalWeights.Sum(), 12);
    }

    [Fact]
    public void BuyAndHoldTradesOnceAndLetsWeightsDrift()
    {
        var run = WalkForwardBacktest.Run(Panel(), new EqualWeightBuyAndHold(), new PortfolioBacktestOptions(new DateTime(2001, 1, 1), Window: 100, CostBps: 10));
        Assert.Single(run.Periods, p => p.Turnover > 0);
        Assert.True(run.FinalWeights[1] > 0.5, "B, which gains every day, grows its share");
        Assert.Equal(1, run.FinalWeights.Sum(), 12);
    }

    [Fact]
    public void AllocatorsSeeOnlyReturnsBeforeTheDayTheyEarn()
    {
        var panel = Panel();
        var spy = new SpyAllocator();
        WalkForwardBacktest.Run(panel, spy, new PortfolioBacktestOptions(new DateTime(2001, 1, 1), Window: 100));
        // Each history ends with the return of the decision day, the session before the first day it is held for.
        var firstTest = panel.IndexOnOrAfter(new DateTime(2001, 1, 1));
        Assert.Equal(panel.Returns[firstTest - 1, 0], spy.LastRows[0]);
        Assert.All(spy.Sizes, s => Assert.Equal(100, s));
    }

    private sealed class SpyAllocator : IAllocator
    {
        public List<double> LastRows { get; } = [];
        public List<int> Sizes { get; } = [];
        public string Name => "spy";
        public double[] Allocate(Matrix<double> history, IReadOnlyList<double> held)
        {
            LastRows.Add(history[history.RowCount - 1, 0]);
            Sizes.Add(history.RowCount);
            return [0.5, 0.5];
        }
    }
}
