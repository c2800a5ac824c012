using Project01.Core.CrossSectional;
using Project01.Core.Features;
using Project01.Core.Indicators;

namespace Project01.Core.Tests.Indicators;

/// <summary>
/// The update loops allocate nothing (BenchmarkDotNet's MemoryDiagnoser shows the same in the benchmarks): each loop
/// runs once to warm up, then a second pass is measured with this thread's allocation counter.
/// </summary>
public sealed class AllocationTests
{
    private static long AllocatedBy(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void IndicatorUpdatesAllocateNothing()
    {
        var bars = TtrReference.Instance.Bars.ToArray();
        var closes = bars.Select(b => b.Close).ToArray();
        var output = new double[closes.Length];
        Indicator[] scalar =
        [
            new WeightedMovingAverage(20), new RollingZScore(20), new RateOfChange(10), new Momentum(10), new RollingMaximum(14),
            new RollingMinimum(14), new RollingMaxDrawdown(60), new VolumeRatio(20), new RealizedVolatility(20),
        ];
        foreach (var indicator in scalar)
            Assert.True(AllocatedBy(() => { indicator.Reset(); indicator.Compute(closes, output); }) == 0, $"{indicator.Name} allocates");
        BarIndicator[] bar = [new Stochastic(), new OnBalanceVolume()];
        foreach (var indicator in bar)
            Assert.True(AllocatedBy(() => { indicator.Reset(); indicator.Compute(bars, output); }) == 0, $"{indicator.Name} allocates");
    }

    [Fact]
    public void CrossSectionalTransformsAllocateNothingOnceThePoolIsWarm()
    {
        var panel = Enumerable.Range(0, 500 * 40).Select(i => i % 7 == 0 ? double.NaN : Math.Sin(i)).ToArray();
        var output = new double[panel.Length];
        Assert.Equal(0, AllocatedBy(() => CrossSection.RankByDate(panel, 500, output)));
        Assert.Equal(0, AllocatedBy(() => CrossSection.ZScoreByDate(panel, 500, output)));
    }

    [Fact]
    public void PriceV1EngineUpdatesAllocateNothing()
    {
        var bars = TtrReference.Instance.Bars.ToArray();
        var row = new double[PriceFeatures.Count];
        PriceFeatureEngine? engine = null;
        var before = 0L;
        // A fresh engine per pass (time must move forward); only the update loop is counted.
        for (var pass = 0; pass < 2; pass++)
        {
            engine = new PriceFeatureEngine();
            before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var bar in bars) engine.Update(bar, row);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
