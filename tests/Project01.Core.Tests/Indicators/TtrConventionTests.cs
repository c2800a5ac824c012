using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Tests.Indicators;

/// <summary>
/// Small cases worked by hand from TTR's documented formulas (NaN = NA), for the first-value and edge conventions the
/// long series cannot single out.
/// </summary>
public sealed class TtrConventionTests
{
    private const double NA = double.NaN;

    private static void Equal(double[] expected, double[] actual, double tolerance = 1e-15) =>
        SeriesAssert.Matches("hand case", expected, actual, tolerance, _ => 1, i => $"i={i}");

    private static double[] Run(Indicator indicator, params double[] xs) => [.. xs.Select(indicator.Update)];

    private static Bar Hlc(int day, double high, double low, double close, long volume = 0) =>
        new("X", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day), close, high, low, close, volume);

    [Fact]
    public void WmaWeightsTheNewestMostFromInputN() =>
        // WMA(x, 3), wts = 1:3: (1·1 + 2·2 + 3·3)/6, then (1·2 + 2·3 + 3·4)/6, …
        Equal([NA, NA, 14 / 6.0, 20 / 6.0, 26 / 6.0, 30.5 / 6], Run(new WeightedMovingAverage(3), 1, 2, 3, 4, 5, 5.5));

    [Fact]
    public void RocIsDiscreteAndStartsAfterNInputs()
    {
        Equal([NA, 0.25, 0.2, -0.5], Run(new RateOfChange(1), 4, 5, 6, 3));
        Equal([NA, NA, 0.5, -0.4], Run(new RateOfChange(2), 4, 5, 6, 3));
    }

    [Fact]
    public void MomentumIsTheDifferenceNInputsBack() =>
        Equal([NA, NA, 8, 12, 16], Run(new Momentum(2), 1, 4, 9, 16, 25), 0);

    [Fact]
    public void RunMaxAndRunMinStartAtInputN()
    {
        Equal([NA, NA, 3, 5, 5, 5, 4], Run(new RollingMaximum(3), 3, 1, 2, 5, 4, 4, 1), 0);
        Equal([NA, NA, 1, 1, 2, 4, 1], Run(new RollingMinimum(3), 3, 1, 2, 5, 4, 4, 1), 0);
    }

    [Fact]
    public void StochasticColumnsStartWhereTtrsDo()
    {
        // stoch(HLC, nFastK = 3, nFastD = 2, nSlowD = 2):
        // fastK[2] = (11 − 8)/(12 − 8) = 0.75; fastK[3] = (9 − 9)/(12 − 9) = 0; fastK[4] = (8 − 8)/(12 − 8) = 0;
        // fastD[3] = (0.75 + 0)/2; fastD[4] = 0; slowD[4] = (0.375 + 0)/2.
        var stoch = new Stochastic(3, 2, 2);
        Bar[] bars = [Hlc(0, 10, 8, 9), Hlc(1, 11, 9, 10), Hlc(2, 12, 10, 11), Hlc(3, 11, 9, 9), Hlc(4, 10, 8, 8)];
        var (k, d, slow) = (new double[5], new double[5], new double[5]);
        for (var i = 0; i < bars.Length; i++) (k[i], d[i], slow[i]) = (stoch.Update(bars[i]), stoch.FastD.Current, stoch.SlowD.Current);
        Equal([NA, NA, 0.75, 0, 0], k, 0);
        Equal([NA, NA, NA, 0.375, 0], d, 0);
        Equal([NA, NA, NA, NA, 0.1875], slow, 0);
        Assert.Equal(14, new Stochastic().WarmUpPeriod); // runMax(high, 14) is defined from the 14th bar
    }

    [Fact]
    public void StochasticOfAFlatWindowIsOneHalf()
    {
        var stoch = new Stochastic(3, 1, 1);
        Assert.Equal([NA, NA, 0.5], Enumerable.Range(0, 3).Select(i => stoch.Update(Hlc(i, 5, 5, 5))).ToArray());
    }

    [Fact]
    public void ObvStartsAtTheFirstVolumeAndIgnoresMovesBelowSqrtEpsilon()
    {
        // TTR: obv[1] = volume[1]; a log change under sqrt(.Machine$double.eps) = 2^-26 ≈ 1.49e-8 counts as unchanged.
        var obv = new OnBalanceVolume();
        double[] closes = [10, 11, 11, 10.5, 10.5 * (1 + 1e-9), 10.5 * (1 + 3e-8)];
        long[] volumes = [100, 200, 300, 400, 500, 600];
        var actual = closes.Select((c, i) => obv.Update(Hlc(i, c, c, c, volumes[i]))).ToArray();
        Equal([100, 300, 300, -100, -100, 500], actual, 0);
        Assert.Equal(Math.Pow(2, -26), OnBalanceVolume.FlatThreshold);
    }

    [Fact]
    public void MaxDrawdownIsTheWorstPeakToLaterTroughInTheWindow()
    {
        // Windows of 4: [100 120 90 110] → 1 − 90/120; [120 90 110 80] → 1 − 80/120; [90 110 80 130] → 1 − 80/110.
        Equal([NA, NA, NA, 0.25, 1 / 3.0, 3 / 11.0], Run(new RollingMaxDrawdown(4), 100, 120, 90, 110, 80, 130));
        // A fall before the window's peak counts only while it is in the window; a pure rise is 0.
        Equal([NA, NA, 0.5, 0.05, 0.1, 1 - 180 / 190.0, 0], Run(new RollingMaxDrawdown(3), 100, 50, 200, 190, 180, 400, 500));
    }

    [Fact]
    public void ZScoreUsesTheSampleDeviationOfTheWindowAndIsUndefinedWhenFlat() =>
        // [1 2 3]: (3 − 2)/1; [2 3 3]: (3 − 8/3)/√(1/3); [3 3 3]: no spread.
        Equal([NA, NA, 1, (3 - 8 / 3.0) / Math.Sqrt(1 / 3.0), NA, NA], Run(new RollingZScore(3), 1, 2, 3, 3, 3, 3), 1e-14);

    [Fact]
    public void VolumeRatioIsUndefinedWhileTheMeanVolumeIsZero() =>
        Equal([NA, 1.5, 0, NA], Run(new VolumeRatio(2), 100, 300, 0, 0), 0);

    [Fact]
    public void RealizedVolatilityAnnualisesTheWindowSumOfSquaredLogReturns() =>
        // Log returns 0.1, 0, −0.2: √(252/2 · 0.01), then √(252/2 · 0.04).
        Equal([NA, NA, Math.Sqrt(1.26), Math.Sqrt(5.04)], Run(new RealizedVolatility(2), 1, Math.Exp(0.1), Math.Exp(0.1), Math.Exp(-0.1)), 1e-12);

    [Fact]
    public void RealizedVolatilityOfUnchangedPricesIsZeroNotNaN()
    {
        // Σr² slides to a rounding error around 0 once only unchanged closes are left; it must not turn into NaN.
        var rv = new RealizedVolatility(3);
        var values = Run(rv, 100, 101.3, 99.7, 100.9, 100.9, 100.9, 100.9, 100.9, 100.9);
        Assert.All(values[3..], v => Assert.True(v >= 0, $"{v}"));
        Assert.True(values[^1] < 1e-6, $"{values[^1]}");
    }
}
