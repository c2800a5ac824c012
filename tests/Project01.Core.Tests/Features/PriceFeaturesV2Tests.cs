using CsCheck;
using Project01.Core.Features;
using Project01.Core.Indicators;
using Project01.Core.Market;
using Project01.Core.Tests.Indicators;

namespace Project01.Core.Tests.Features;

public sealed class PriceFeaturesV2Tests
{
    private static readonly Bar[] Sp500 = [.. TtrReference.Instance.Bars];
    private static readonly Lazy<double[]> V2 = new(() => PriceFeatureEngineV2.ComputeBatch(Sp500));

    private static string Date(int row) => $"{TtrReference.Instance.Dates[row]:yyyy-MM-dd}";

    private static void SameBits(string what, int row, double expected, double actual) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what} at {Date(row)}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void NamesExtendPriceV1WithoutChangingIt()
    {
        Assert.Equal(PriceFeatures.Names, PriceFeaturesV2.Names[..PriceFeatures.Count]);
        Assert.Equal(PriceFeaturesV2.Count, PriceFeaturesV2.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(PriceFeatures.Count + PriceFeaturesV2.Added.Length, PriceFeaturesV2.Count);
        Assert.Equal((PriceFeatures.ViewName, 2), (PriceFeaturesV2.ViewName, PriceFeaturesV2.ViewVersion));
    }

    [Fact]
    public void ThePriceV1PrefixIsPriceV1BitForBit()
    {
        var v1 = PriceFeatureEngine.ComputeBatch(Sp500);
        for (var row = 0; row < Sp500.Length; row++)
            for (var k = 0; k < PriceFeatures.Count; k++)
                SameBits(PriceFeatures.Names[k], row, v1[row * PriceFeatures.Count + k], V2.Value[row * PriceFeaturesV2.Count + k]);
    }

    [Fact]
    public void EachAddedFeatureIsItsStandaloneIndicator()
    {
        var wma = new WeightedMovingAverage(20);
        var stoch = new Stochastic(14, 3, 3);
        var obv = new OnBalanceVolume();
        var obvZ = new RollingZScore(20);
        var z = new RollingZScore(20);
        var roc = new RateOfChange(10);
        var mdd = new RollingMaxDrawdown(60);
        var logret = new LogReturn(20);
        for (var row = 0; row < Sp500.Length; row++)
        {
            var bar = Sp500[row];
            var w = wma.Update(bar.Close);
            var o = obv.Update(bar);
            var k = stoch.Update(bar);
            var expected = new Dictionary<string, double>
            {
                ["wma20"] = w, ["dist_wma20"] = bar.Close / w - 1, ["stoch_k14"] = k, ["stoch_d3"] = stoch.FastD.Current,
                ["stoch_slowd3"] = stoch.SlowD.Current, ["obv"] = o, ["obv_z20"] = obvZ.Update(o), ["zscore20"] = z.Update(bar.Close),
                ["roc10"] = roc.Update(bar.Close), ["mdd60"] = mdd.Update(bar.Close), ["logret20"] = logret.Update(bar.Close),
            };
            Assert.Equal(PriceFeaturesV2.Added.Order(), expected.Keys.Order());
            foreach (var (name, value) in expected)
                SameBits(name, row, value, V2.Value[row * PriceFeaturesV2.Count + PriceFeaturesV2.IndexOf(name)]);
        }
    }

    [Fact]
    public void EveryFeatureIsDefinedFromTheWarmUpBarOn()
    {
        var width = PriceFeaturesV2.Count;
        for (var row = PriceFeaturesV2.WarmUpBars - 1; row < Sp500.Length; row++)
            for (var k = 0; k < width; k++)
                Assert.False(double.IsNaN(V2.Value[row * width + k]), $"{PriceFeaturesV2.Names[k]} is NaN at {Date(row)}");
        var before = PriceFeaturesV2.WarmUpBars - 2;
        Assert.Contains(Enumerable.Range(0, width), k => double.IsNaN(V2.Value[before * width + k]));
    }

    [Fact]
    public void StreamingInChunksEqualsOneBatchBitForBit() =>
        Gen.Double[1, 5_000].Array[30, 200].Sample(closes =>
        {
            var bars = closes.Select((c, i) => new Bar("X", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), c, c * 1.01, c * 0.99, c, 1000 + i % 17)).ToArray();
            var batch = PriceFeatureEngineV2.ComputeBatch(bars);
            var engine = new PriceFeatureEngineV2();
            var row = new double[PriceFeaturesV2.Count];
            for (var i = 0; i < bars.Length; i++)
            {
                engine.Update(bars[i], row);
                for (var k = 0; k < row.Length; k++)
                    Assert.True(BitConverter.DoubleToInt64Bits(batch[i * row.Length + k]) == BitConverter.DoubleToInt64Bits(row[k]), $"{PriceFeaturesV2.Names[k]} at i={i}");
            }
        });

    [Fact]
    public void UpdatesAllocateNothing()
    {
        var row = new double[PriceFeaturesV2.Count];
        long allocated = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var engine = new PriceFeatureEngineV2();
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var bar in Sp500) engine.Update(bar, row);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(0, allocated);
    }
}
