using Project01.Risk.Backtests;

namespace Project01.Risk.Tests;

/// <summary>
/// Kupiec and Christoffersen statistics against the worked examples MATLAB's Risk Management Toolbox publishes
/// (they depend only on the counts, so the counts reproduce them without the data):
/// varbacktest <c>pof</c>, <c>cci</c> and <c>cc</c> on VaRBacktestData's EquityIndex
/// (https://www.mathworks.com/help/risk/varbacktest.pof.html, …/varbacktest.cci.html, …/varbacktest.cc.html), and
/// <c>risk.validation.proportionOfFailuresTest</c> (https://www.mathworks.com/help/risk/risk.validation.proportionoffailurestest.html).
/// </summary>
public sealed class ExceedanceTestsTests
{
    [Theory]
    // Normal95: 1043 days, 57 failures at 95 % → LRatioPOF 0.46147, PValuePOF 0.49694.
    [InlineData(1043, 57, 0.05, 0.46147, 0.49694)]
    // Normal99: 1043 days, 17 failures at 99 % → 3.5118, 0.060933.
    [InlineData(1043, 17, 0.01, 3.5118, 0.060933)]
    // proportionOfFailuresTest([0.05, 0.01], 3, 250) → LogRatio 10.812 (p 0.0010083) and 0.09494 (p 0.75799).
    [InlineData(250, 3, 0.05, 10.812, 0.0010083)]
    [InlineData(250, 3, 0.01, 0.09494, 0.75799)]
    public void KupiecMatchesMatlabsPublishedExamples(int observations, int failures, double p, double statistic, double pValue)
    {
        var lr = ExceedanceTests.Kupiec(observations, failures, p);
        AssertRelative(statistic, lr.Statistic, 5e-4);
        AssertRelative(pValue, lr.PValue, 5e-4);
    }

    [Fact]
    public void ChristoffersenMatchesMatlabsPublishedExample()
    {
        // cci/cc on Normal95: N00 932, N10 53, N01 53, N11 4 → LRatioCCI 0.25866 (p 0.61104); LRatioCC 0.72013 (p 0.69763)
        // with the POF statistic of all 1043 days (57 failures).
        var independence = ExceedanceTests.Independence(new TransitionCounts(N00: 932, N01: 53, N10: 53, N11: 4));
        AssertRelative(0.25866, independence.Statistic, 5e-4);
        AssertRelative(0.61104, independence.PValue, 5e-4);

        var cc = ExceedanceTests.ConditionalCoverage(ExceedanceTests.Kupiec(1043, 57, 0.05), independence);
        Assert.Equal(2, cc.DegreesOfFreedom);
        AssertRelative(0.72013, cc.Statistic, 5e-4);
        AssertRelative(0.69763, cc.PValue, 5e-4);
    }

    [Fact]
    public void KupiecMatchesTheClosedFormByHand()
    {
        // T = 250, x = 8 at p = 0.01 (Basel's "yellow zone"): LR = −2[242 ln 0.99 + 8 ln 0.01 − 242 ln 0.968 − 8 ln 0.032]
        // = −2[−2.432181 − 36.841361 + 7.870612 + 27.536155] = 7.733551; χ²(1) tail: 2(1 − Φ(√7.733551)) = 0.0054204.
        var lr = ExceedanceTests.Kupiec(250, 8, 0.01);
        Assert.Equal(7.733551, lr.Statistic, 5);
        Assert.Equal(0.0054204, lr.PValue, 6);
    }

    [Fact]
    public void ACountOnTheNominalRateGivesNoEvidence()
    {
        var lr = ExceedanceTests.Kupiec(1000, 10, 0.01);
        Assert.Equal(0, lr.Statistic, 12);
        Assert.Equal(1, lr.PValue, 12);
    }

    [Fact]
    public void ZeroExceedancesGiveAFiniteStatistic()
    {
        // −2 T ln(1 − p): with none of 500 days over a 99 % VaR, LR = −1000 ln 0.99 = 10.05034.
        var lr = ExceedanceTests.Kupiec(500, 0, 0.01);
        Assert.Equal(-1000 * Math.Log(0.99), lr.Statistic, 10);
        Assert.InRange(lr.PValue, 0.001, 0.002);

        var report = CoverageReport.Of(new bool[500], 0.99);
        Assert.Equal(0, report.Exceedances);
        Assert.Equal(0, report.Independence.Statistic);
        Assert.Equal(1, report.Independence.PValue);
        Assert.Equal(lr.Statistic, report.ConditionalCoverage.Statistic, 12);
    }

    [Fact]
    public void AllExceedancesGiveFiniteStatistics()
    {
        var report = CoverageReport.Of(Enumerable.Repeat(true, 100).ToArray(), 0.95);
        Assert.Equal(-200 * Math.Log(0.05), report.Kupiec.Statistic, 10); // −2 T ln p
        Assert.Equal(new TransitionCounts(0, 0, 0, 99), report.Transitions);
        Assert.Equal(0, report.Independence.Statistic);
        Assert.True(double.IsFinite(report.ConditionalCoverage.PValue));
        Assert.True(report.Kupiec.PValue < 1e-100); // far in the tail, still not rounded to 0 or NaN
        Assert.True(report.Kupiec.PValue > 0);
    }

    [Fact]
    public void NoConsecutiveExceedancesGiveAFiniteIndependenceStatistic()
    {
        // Exceedances on days 10, 30, 50, …: π11 = 0, so the N11 ln π11 term is 0·ln 0 = 0.
        var hits = Enumerable.Range(0, 200).Select(t => t % 20 == 10).ToArray();
        var report = CoverageReport.Of(hits, 0.95);
        Assert.Equal(new TransitionCounts(N00: 179, N01: 10, N10: 10, N11: 0), report.Transitions);
        // By hand: π = 10/199, π01 = 10/189; LR = −2[189 ln(189/199) + 10 ln(10/199) − 179 ln(179/189) − 10 ln(10/189)] = 1.0587.
        var expected = -2 * (189 * Math.Log(189.0 / 199) + 10 * Math.Log(10.0 / 199) - 179 * Math.Log(179.0 / 189) - 10 * Math.Log(10.0 / 189));
        Assert.Equal(expected, report.Independence.Statistic, 10);
        Assert.InRange(report.Independence.Statistic, 1.05, 1.07);
    }

    [Fact]
    public void ClusteredExceedancesAreRejectedAsDependent()
    {
        // The same 10 exceedances in 5 pairs: right count (5 % of 200), wrong clustering.
        var hits = Enumerable.Range(0, 200).Select(t => t % 40 is 10 or 11).ToArray();
        var report = CoverageReport.Of(hits, 0.95);
        Assert.True(report.Kupiec.PValue > 0.99);
        Assert.True(report.Independence.PValue < 0.01, $"independence p {report.Independence.PValue}");
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected}, got {actual}");
}
