using Project01.Core.Features;
using Project01.Core.Market;
using Project01.Core.Tests.Indicators;

namespace Project01.Core.Tests.Features;

/// <summary>A selection computes its features alone, bit for bit as the full view does.</summary>
public sealed class PriceFeatureSelectionTests
{
    private static readonly Bar[] Sp500 = [.. TtrReference.Instance.Bars];

    [Fact]
    public void TheTtrColumnsAloneAreBitIdenticalToTheSameColumnsOfTheFullViewOnSp500()
    {
        var full = PriceFeatureEngine.ComputeBatch(Sp500);
        var selection = IndicatorReport.Selection;
        var alone = PriceFeatureEngine.ComputeBatch(Sp500, selection);
        Assert.Equal(IndicatorReport.Columns, selection.Names);
        Assert.Equal(Sp500.Length * selection.Count, alone.Length);
        for (var c = 0; c < selection.Count; c++)
        {
            var k = PriceFeatures.IndexOf(selection.Names[c]);
            for (var row = 0; row < Sp500.Length; row++)
                Assert.True(BitConverter.DoubleToInt64Bits(full[row * PriceFeatures.Count + k]) == BitConverter.DoubleToInt64Bits(alone[row * selection.Count + c]),
                    $"{selection.Names[c]} at row {row}: {full[row * PriceFeatures.Count + k]} against {alone[row * selection.Count + c]}");
        }
    }

    [Fact]
    public void ASelectionKeepsTheOrderAskedForAndStreamsAsItBatches()
    {
        var selection = PriceFeatureSelection.Of(["rv20", "sma20", "logret"]);
        Assert.True(selection.ReadsReturnsOrVolume);
        var batch = PriceFeatureEngine.ComputeBatch(Sp500, selection);
        var full = PriceFeatureEngine.ComputeBatch(Sp500);
        var engine = new PriceFeatureEngine(selection: selection);
        var row = new double[3];
        for (var i = 0; i < Sp500.Length; i++)
        {
            engine.Update(Sp500[i], row);
            Assert.Equal(batch.AsSpan(i * 3, 3).ToArray(), row);
            Assert.Equal(full[i * PriceFeatures.Count + PriceFeatures.IndexOf("rv20")], row[0]);
        }
        Assert.Throws<KeyNotFoundException>(() => PriceFeatureSelection.Of(["sma20", "moon_phase"]));
    }

    [Fact]
    public void OnlyFeaturesThatReadReturnsOrVolumeNeedThoseWindows()
    {
        string[] reading = ["logret", "logret5", "volume_ratio20", "rv20"];
        foreach (var feature in PriceFeatures.All)
            Assert.Equal(reading.Contains(feature.Name), PriceIndicators.ReadsReturnsOrVolume(feature.Value));
        Assert.False(IndicatorReport.Selection.ReadsReturnsOrVolume);
        Assert.True(PriceFeatureSelection.All.ReadsReturnsOrVolume);
    }

    [Fact]
    public void ComputingIntoAReusedArrayGivesTheSameBitsAndRefusesAnArrayTooSmall()
    {
        var selection = IndicatorReport.Selection;
        var allocated = PriceFeatureEngine.ComputeBatch(Sp500, selection);
        // Filled with another series first, as a caller reusing one array for symbol after symbol would leave it.
        var reused = new double[allocated.Length + 7];
        PriceFeatureEngine.ComputeBatch(Sp500.AsSpan(100), selection, reused);
        PriceFeatureEngine.ComputeBatch(Sp500, selection, reused);
        for (var i = 0; i < allocated.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(allocated[i]), BitConverter.DoubleToInt64Bits(reused[i]));
        var error = Assert.Throws<ArgumentException>(() => PriceFeatureEngine.ComputeBatch(Sp500, selection, new double[allocated.Length - 1]));
        Assert.Equal("output", error.ParamName);
    }
}
