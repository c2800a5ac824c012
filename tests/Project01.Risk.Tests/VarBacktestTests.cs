using Project01.Risk.Backtests;

namespace Project01.Risk.Tests;

public sealed class VarBacktestTests
{
    private static readonly VarBacktestOptions Fast = new() { Risk = new RiskOptions { Paths = 2000 }, RefitEvery = 50 };

    [Fact]
    public void ACorrectModelPassesItsOwnBacktest()
    {
        // GARCH data with t6 shocks: the model is right up to estimation error, so coverage should hold.
        var returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 3500, seed: 31, degreesOfFreedom: 6);
        var report = VarBacktest.Run(returns, 1500, Fast);

        Assert.Equal(2000, report.Days.Count);
        Assert.Equal(40, report.Refits);
        foreach (var level in report.Levels)
        {
            Assert.Equal(2000, level.Daily.Observations);
            Assert.True(level.Daily.Kupiec.PValue > 0.01, $"{level.Level}: {level.Daily.Exceedances} exceedances, p {level.Daily.Kupiec.PValue}");
            Assert.True(level.Daily.Independence.PValue > 0.01, $"{level.Level}: independence p {level.Daily.Independence.PValue}");
            Assert.InRange(level.Shortfall.MeanShortfallRatio, 0.8, 1.25);
            Assert.Equal(200, level.LongHorizon.Observations); // 2000 days / 10
        }
        Assert.Equal(report.Levels[1].Daily.Exceedances, report.Days.Count(d => -d.Return > d.ValueAtRisk[1]));
    }

    [Fact]
    public void AVolatilityBreakTheModelCannotSeeComingFailsCoverage()
    {
        // Returns whose volatility triples overnight and stays there: the expanding fit is slow to follow, the first
        // days after the break blow through the VaR in a cluster. The tests must notice.
        var calm = SimulatedGarch.Returns(SimulatedGarch.Equity with { Alpha = 0.02, Beta = 0.5 }, 1500, seed: 41);
        var wild = calm.Select((r, t) => t < 1000 ? r : 3 * r).ToArray();
        var report = VarBacktest.Run(wild, 1000, Fast with { RefitEvery = 500 });
        var at99 = report.Levels[1].Daily;
        Assert.True(at99.ExceedanceRate > 0.03, $"rate {at99.ExceedanceRate}");
        Assert.True(at99.Kupiec.PValue < 0.001);
    }

    [Fact]
    public void ForecastsNeverLookAhead()
    {
        // Replacing every return from day 1700 on must leave every forecast made up to day 1700 exactly as it was.
        var returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 1800, seed: 51);
        var altered = returns.Select((r, t) => t < 1700 ? r : -5 * r).ToArray();
        var options = Fast with { RefitEvery = 40, Risk = new RiskOptions { Paths = 500 } };
        var a = VarBacktest.Run(returns, 1600, options);
        var b = VarBacktest.Run(altered, 1600, options);
        for (var d = 0; d <= 100; d++)
        {
            Assert.Equal(a.Days[d].ValueAtRisk, b.Days[d].ValueAtRisk);
            Assert.Equal(a.Days[d].ExpectedShortfall, b.Days[d].ExpectedShortfall);
        }
        Assert.NotEqual(a.Days[101].ValueAtRisk, b.Days[101].ValueAtRisk); // day 1701 sees the altered day 1700
    }

    [Fact]
    public void LongHorizonWindowsDoNotOverlapAndEndInsideTheData()
    {
        var returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 1235, seed: 61);
        var report = VarBacktest.Run(returns, 1000, Fast with { Risk = new RiskOptions { Paths = 500 } });
        Assert.Equal(235, report.Days.Count);
        Assert.Equal(Enumerable.Range(0, 23).Select(k => 1000 + 10 * k), report.Windows.Select(w => w.Index));
        var last = report.Windows[^1];
        Assert.Equal(returns.Skip(last.Index).Take(10).Sum(), last.Return, 12);
        Assert.All(report.Windows, w => Assert.True(w.ValueAtRisk[1] > w.ValueAtRisk[0]));
    }

    [Fact]
    public void ARollingWindowFitsOnlyItsLength()
    {
        var returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 1300, seed: 71);
        var report = VarBacktest.Run(returns, 1200, Fast with { Window = 500 });
        Assert.Equal(500, report.LastFit.Observations);
    }

    [Fact]
    public void TooLittleHistoryOrAnEmptyTestSpanIsRefused()
    {
        var returns = SimulatedGarch.Returns(SimulatedGarch.Equity, 600, seed: 1);
        Assert.Throws<ArgumentException>(() => VarBacktest.Run(returns, 50, Fast));
        Assert.Throws<ArgumentException>(() => VarBacktest.Run(returns, 600, Fast));
        Assert.Throws<ArgumentException>(() => VarBacktest.Run(returns, 500, Fast with { RefitEvery = 0 }));
    }
}
