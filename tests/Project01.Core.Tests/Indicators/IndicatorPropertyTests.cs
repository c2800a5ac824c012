using CsCheck;
using Project01.Core.Features;
using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Tests.Indicators;

/// <summary>Properties over random series: the O(1) updates agree with naive whole-window recomputation.</summary>
public sealed class IndicatorPropertyTests
{
    private static readonly Gen<double[]> Prices = Gen.Double[1, 5_000].Array[30, 400];

    [Fact]
    public void SlidingStandardDeviationEqualsTwoPassOverEachWindow() =>
        Gen.Select(Prices, Gen.Int[2, 25], Gen.Bool).Sample((xs, n, sample) =>
        {
            var sd = new RollingStandardDeviation(n, sample);
            for (var i = 0; i < xs.Length; i++)
            {
                var actual = sd.Update(xs[i]);
                if (i < n - 1) { Assert.True(double.IsNaN(actual)); continue; }
                var window = xs.AsSpan(i - n + 1, n).ToArray();
                var mean = window.Average();
                var expected = Math.Sqrt(window.Sum(x => (x - mean) * (x - mean)) / (sample ? n - 1 : n));
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(expected, mean * 1e-3), $"n={n} i={i}: {actual} vs {expected}");
            }
        });

    [Fact]
    public void SimpleMovingAverageEqualsTheWindowMean() =>
        Gen.Select(Prices, Gen.Int[1, 30]).Sample((xs, n) =>
        {
            var sma = new SimpleMovingAverage(n);
            for (var i = 0; i < xs.Length; i++)
            {
                var actual = sma.Update(xs[i]);
                if (i < n - 1) continue;
                var expected = xs.AsSpan(i - n + 1, n).ToArray().Average();
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected);
            }
        });

    [Fact]
    public void StreamingInChunksEqualsOneBatchBitForBit() =>
        Gen.Select(Prices, Gen.Int[1, 29]).Sample((closes, split) =>
        {
            var bars = closes.Select((c, i) => new Bar("X", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), c, c * 1.01, c * 0.99, c, 1000 + i)).ToArray();
            var batch = PriceFeatureEngine.ComputeBatch(bars);
            var engine = new PriceFeatureEngine();
            var row = new double[PriceFeatures.Count];
            for (var i = 0; i < bars.Length; i++)
            {
                engine.Update(bars[i], row);
                for (var k = 0; k < row.Length; k++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(batch[i * row.Length + k]), BitConverter.DoubleToInt64Bits(row[k]));
            }
        });

    [Fact]
    public void RollingWindowKeepsTheNewestItemsInOrder() =>
        Gen.Select(Gen.Int.Array[0, 50], Gen.Int[1, 10]).Sample((items, size) =>
        {
            var window = new RollingWindow<int>(size);
            foreach (var item in items) window.Add(item, out _);
            var expected = items.Reverse().Take(size).ToArray();
            Assert.Equal(expected.Length, window.Count);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], window[i]);
        });

    [Fact]
    public void BarsMustMoveForwardInTime()
    {
        var engine = new PriceFeatureEngine();
        var row = new double[PriceFeatures.Count];
        var t = new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        engine.Update(new Bar("X", t, 1, 1, 1, 1, 1), row);
        var e = Assert.Throws<InvalidOperationException>(() => engine.Update(new Bar("X", t, 1, 1, 1, 1, 1), row));
        Assert.Contains("does not move forward", e.Message);
    }
}
