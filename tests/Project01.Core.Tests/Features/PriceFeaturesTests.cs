using Project01.Core.Features;
using Project01.Core.Market;
using Project01.Core.Tests.Indicators;

namespace Project01.Core.Tests.Features;

/// <summary>price_v1 is its declaration list: names, order and warm-ups all come from <see cref="PriceFeatures.All"/>.</summary>
public sealed class PriceFeaturesTests
{
    private static readonly Bar[] Sp500 = [.. TtrReference.Instance.Bars];
    private static readonly Lazy<double[]> Batch = new(() => PriceFeatureEngine.ComputeBatch(Sp500));

    private static string Date(int row) => $"{TtrReference.Instance.Dates[row]:yyyy-MM-dd}";

    [Fact]
    public void NamesAreUniqueAndFollowTheDeclarations()
    {
        Assert.Equal(PriceFeatures.All.Select(f => f.Name), PriceFeatures.Names);
        Assert.Equal(PriceFeatures.Count, PriceFeatures.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(PriceFeatures.All.Length, PriceFeatures.Count);
        for (var i = 0; i < PriceFeatures.Count; i++) Assert.Equal(i, PriceFeatures.IndexOf(PriceFeatures.Names[i]));
        Assert.Throws<KeyNotFoundException>(() => PriceFeatures.IndexOf("moon_phase"));
        Assert.All(PriceFeatures.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Description), f.Name));
    }

    [Fact]
    public void WarmUpOfTheViewIsTheLongestFeatureWarmUp()
    {
        Assert.Equal(PriceFeatures.All.Max(f => f.WarmUp), PriceFeatures.WarmUpBars);
        Assert.Equal(34, PriceFeatures.WarmUpBars); // the MACD signal: 26 + 9 − 1 bars
    }

    [Fact]
    public void EachFeatureIsNaNBeforeItsWarmUpAndDefinedFromItOnSp500()
    {
        var width = PriceFeatures.Count;
        for (var k = 0; k < width; k++)
        {
            var feature = PriceFeatures.All[k];
            for (var row = 0; row < Sp500.Length; row++)
            {
                var defined = !double.IsNaN(Batch.Value[row * width + k]);
                var expected = row + 1 >= feature.WarmUp;
                Assert.True(defined == expected,
                    $"{feature.Name} (warm-up {feature.WarmUp}) is {(defined ? "defined" : "NaN")} at bar {row + 1} ({Date(row)})");
            }
        }
    }

    /// <summary>The engine's columns that the R TTR fixture also has match it (the indicator tests check the
    /// indicators alone; this checks that each declaration reads the right one). Scales as in TtrIndicatorTests.</summary>
    [Theory]
    [InlineData("close", false), InlineData("logret", true), InlineData("sma20", false), InlineData("ema20", false),
     InlineData("rsi14", true), InlineData("tr", false), InlineData("atr14", false), InlineData("macd", false),
     InlineData("macd_signal", false), InlineData("bb_dn", false), InlineData("bb_mavg", false), InlineData("bb_up", false),
     InlineData("bb_pctb", true), InlineData("sd20", false)]
    public void EngineColumnMatchesTtr(string name, bool unitScale)
    {
        var k = PriceFeatures.IndexOf(name);
        var column = Enumerable.Range(0, Sp500.Length).Select(row => Batch.Value[row * PriceFeatures.Count + k]).ToArray();
        var closeScaled = name.StartsWith("macd", StringComparison.Ordinal);
        TtrReference.Instance.AssertMatches(name, column, row => unitScale ? 1 : closeScaled ? Sp500[row].Close : 0);
    }

    [Fact]
    public void EngineWritesEachDeclaredFeatureAtItsIndex()
    {
        // Each declaration evaluated on its own, over the same indicator state, gives the engine's column bit for bit.
        var single = PriceFeatures.All.Select(f => f.Value.Compile()).ToArray();
        var indicators = new PriceIndicators();
        var width = PriceFeatures.Count;
        for (var row = 0; row < Sp500.Length; row++)
        {
            indicators.Update(Sp500[row]);
            for (var k = 0; k < width; k++)
            {
                var (expected, actual) = (single[k](indicators), Batch.Value[row * width + k]);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                    $"{PriceFeatures.Names[k]} at {Date(row)}: declaration {expected:R}, engine {actual:R}");
            }
        }
    }
}
