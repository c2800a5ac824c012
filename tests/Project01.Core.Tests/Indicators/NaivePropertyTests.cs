using CsCheck;
using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Tests.Indicators;

/// <summary>
/// The new indicators against <see cref="Naive"/> on random series: continuous prices, and prices drawn from a few
/// levels so that ties, repeated extremes and flat windows come up. Same tolerances as on the S&amp;P 500 series.
/// </summary>
public sealed class NaivePropertyTests
{
    private static readonly Gen<double[]> Prices = Gen.OneOf(
        Gen.Double[1, 5_000].Array[30, 300],
        Gen.Int[1, 3].Select(i => (double)i).Array[30, 300]);

    private static readonly Gen<Bar[]> Bars = Gen.OneOf(
        Gen.Select(Gen.Double[1, 5_000], Gen.Double[0, 0.05], Gen.Double[0, 0.05], Gen.Int[0, 1_000_000]).Array[30, 300],
        Gen.Select(Gen.Int[1, 2].Select(i => (double)i), Gen.Int[0, 1].Select(i => i * 0.5), Gen.Int[0, 1].Select(i => i * 0.5), Gen.Int[0, 3])
            .Select((c, up, down, v) => (c, up / c, down / c, v)).Array[30, 300])
        .Select(rows => rows.Select((r, i) => new Bar("X", Day(i), r.Item1, r.Item1 * (1 + r.Item2), r.Item1 * (1 - r.Item3), r.Item1, r.Item4)).ToArray());

    private static DateTime Day(int i) => new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc).AddDays(i);

    private static string Row(int i) => $"i={i}";

    private static double[] Run(Indicator indicator, IEnumerable<double> xs) => [.. xs.Select(indicator.Update)];

    private static void Exact(string name, double[] expected, double[] actual) =>
        SeriesAssert.Matches(name, expected, actual, 0, _ => 0, Row);

    [Fact]
    public void WmaEqualsTheWeightedWindowSum() =>
        Gen.Select(Prices, Gen.Int[1, 30]).Sample((xs, n) =>
            SeriesAssert.Matches($"WMA({n})", Naive.Wma(xs, n), Run(new WeightedMovingAverage(n), xs), 1e-12,
                i => NaiveReferenceTests.RecentMagnitudeOf(xs, i, n), Row));

    [Fact]
    public void RocMomentumAndLogReturnAreExactlyTheLaggedFormulas() =>
        Gen.Select(Prices, Gen.Int[1, 25]).Sample((xs, n) =>
        {
            Exact($"ROC({n})", Naive.Roc(xs, n), Run(new RateOfChange(n), xs));
            Exact($"MOM({n})", Naive.Momentum(xs, n), Run(new Momentum(n), xs));
            Exact($"LOGRET({n})", Naive.LogReturn(xs, n), Run(new LogReturn(n), xs));
        });

    [Fact]
    public void RollingExtremesAreExactlyTheWindowExtremes() =>
        Gen.Select(Prices, Gen.Int[1, 25]).Sample((xs, n) =>
        {
            Exact($"MAX({n})", Naive.RunMax(xs, n), Run(new RollingMaximum(n), xs));
            Exact($"MIN({n})", Naive.RunMin(xs, n), Run(new RollingMinimum(n), xs));
        });

    [Fact]
    public void ZScoreEqualsTwoPassOverEachWindow() =>
        Gen.Select(Prices, Gen.Int[2, 25], Gen.Bool).Sample((xs, n, sample) =>
        {
            var condition = Naive.MeanOverDeviation(xs, n, sample);
            SeriesAssert.Matches($"ZSCORE({n})", Naive.ZScore(xs, n, sample), Run(new RollingZScore(n, sample), xs), 1e-12, i => condition[i], Row);
        });

    [Fact]
    public void MaxDrawdownIsExactlyTheWorstPairInTheWindow() =>
        Gen.Select(Prices, Gen.Int[1, 40]).Sample((xs, n) =>
            Exact($"MDD({n})", Naive.MaxDrawdown(xs, n), Run(new RollingMaxDrawdown(n), xs)));

    [Fact]
    public void StochasticMatchesTtrColumns() =>
        Gen.Select(Bars, Gen.Int[1, 20], Gen.Int[1, 5], Gen.Int[1, 5]).Sample((bars, nk, nd, ns) =>
        {
            var stoch = new Stochastic(nk, nd, ns);
            var (k, d, slow) = (new double[bars.Length], new double[bars.Length], new double[bars.Length]);
            for (var i = 0; i < bars.Length; i++)
            {
                k[i] = stoch.Update(bars[i]);
                d[i] = stoch.FastD.Current;
                slow[i] = stoch.SlowD.Current;
            }
            var expected = Naive.Stoch([.. bars.Select(b => b.High)], [.. bars.Select(b => b.Low)], [.. bars.Select(b => b.Close)], nk, nd, ns);
            Exact("fastK", expected.FastK, k);
            // Running sums of values in [0, 1]: rounding stays within a few ε per update, so scale 1.
            SeriesAssert.Matches("fastD", expected.FastD, d, 1e-12, _ => 1, Row);
            SeriesAssert.Matches("slowD", expected.SlowD, slow, 1e-12, _ => 1, Row);
        });

    [Fact]
    public void ObvIsExactlyTtrsCumulativeSum() =>
        Bars.Sample(bars =>
        {
            var obv = new OnBalanceVolume();
            Exact("OBV", Naive.Obv([.. bars.Select(b => b.Close)], [.. bars.Select(b => (double)b.Volume)]), [.. bars.Select(b => obv.Update(b))]);
        });

    [Fact]
    public void VolumeRatioIsExactOnWholeVolumes() =>
        Gen.Select(Gen.Int[0, 5_000_000].Select(v => (double)v).Array[30, 300], Gen.Int[1, 30]).Sample((volumes, n) =>
            Exact($"VOLRATIO({n})", Naive.VolumeRatio(volumes, n), Run(new VolumeRatio(n), volumes)));

    [Fact]
    public void RealizedVolatilityMatchesTheWindowSumOfSquares() =>
        Gen.Select(Prices, Gen.Int[1, 30]).Sample((xs, n) =>
        {
            var expected = Naive.RealizedVolatility(xs, n);
            var actual = Run(new RealizedVolatility(n), xs);
            // Compared squared: the running Σr² keeps rounding of order ε·(all squared returns so far), and √ would
            // magnify that near a window of zero returns. 1e-12 of the whole history's Σr² bounds it and still bites.
            double history = 0;
            for (var i = 0; i < xs.Length; i++)
            {
                if (i > 0) history += Math.Pow(Math.Log(xs[i]) - Math.Log(xs[i - 1]), 2) * 252 / n;
                Assert.Equal(double.IsNaN(expected[i]), double.IsNaN(actual[i]));
                if (double.IsNaN(expected[i])) continue;
                var (e2, a2) = (expected[i] * expected[i], actual[i] * actual[i]);
                Assert.True(Math.Abs(a2 - e2) <= 1e-12 * Math.Max(e2, history), $"RV({n}) at i={i}: {actual[i]:R} vs {expected[i]:R}");
            }
        });

    /// <summary>Every new indicator, on random input, split anywhere: Compute over the parts equals Update one by one, bit for bit.</summary>
    [Fact]
    public void BatchOverSpansEqualsStreamingBitForBit()
    {
        Func<Indicator>[] scalar =
        [
            () => new WeightedMovingAverage(7), () => new RollingZScore(9), () => new RateOfChange(3), () => new Momentum(3),
            () => new RollingMaximum(5), () => new RollingMinimum(5), () => new RollingMaxDrawdown(11), () => new VolumeRatio(6),
            () => new RealizedVolatility(8),
        ];
        Func<BarIndicator>[] bar = [() => new Stochastic(5, 3, 3), () => new OnBalanceVolume()];
        Gen.Select(Bars, Gen.Int[0, 30]).Sample((bars, cut) =>
        {
            var closes = bars.Select(b => b.Close).ToArray();
            var split = Math.Min(cut, bars.Length);
            foreach (var create in scalar)
            {
                var (streamed, batched) = (create(), create());
                var expected = Run(streamed, closes);
                var actual = new double[closes.Length];
                batched.Compute(closes.AsSpan(0, split), actual.AsSpan(0, split));
                batched.Compute(closes.AsSpan(split), actual.AsSpan(split));
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
            }
            foreach (var create in bar)
            {
                var (streamed, batched) = (create(), create());
                var expected = bars.Select(b => streamed.Update(b)).ToArray();
                var actual = new double[bars.Length];
                batched.Compute(bars.AsSpan(0, split), actual.AsSpan(0, split));
                batched.Compute(bars.AsSpan(split), actual.AsSpan(split));
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
            }
        });
    }
}
