using Project01.Core.Features;
using Project01.Core.Indicators;

namespace Project01.Core.Tests.Indicators;

/// <summary>The standalone indicators that price_v1 computes inline give its values bit for bit on the S&amp;P 500 series.</summary>
public sealed class PriceV1ParityTests
{
    private static void SameBits(string feature, Func<Project01.Core.Market.Bar, double> update)
    {
        var bars = TtrReference.Instance.Bars;
        var batch = PriceFeatureEngine.ComputeBatch([.. bars]);
        var column = PriceFeatures.IndexOf(feature);
        for (var i = 0; i < bars.Count; i++)
        {
            var (expected, actual) = (batch[i * PriceFeatures.Count + column], update(bars[i]));
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                $"{feature} at {TtrReference.Instance.Dates[i]:yyyy-MM-dd}: price_v1 {expected:R}, indicator {actual:R}");
        }
    }

    [Fact]
    public void VolumeRatioIsVolumeRatio20() { var i = new VolumeRatio(20); SameBits("volume_ratio20", b => i.Update(b.Volume)); }

    [Fact]
    public void RealizedVolatilityIsRv20() { var i = new RealizedVolatility(20); SameBits("rv20", b => i.Update(b.Close)); }

    [Fact]
    public void LogReturnOfFiveIsLogret5() { var i = new LogReturn(5); SameBits("logret5", b => i.Update(b.Close)); }
}
