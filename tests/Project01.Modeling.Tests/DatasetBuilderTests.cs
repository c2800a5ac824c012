using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Tests;

public sealed class DatasetBuilderTests
{
    private static SupervisedDataset Build(DatasetSplits? splits = null) =>
        DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Ret1, splits: splits);

    [Fact]
    public void LabelIsTheNextBarsLogReturn()
    {
        var dataset = Build();
        var byTime = Sp500History.Observations.ToDictionary(o => o.EventTime);
        var logret = PriceFeatures.IndexOf("logret");
        foreach (var e in dataset.Examples.Take(500))
        {
            Assert.True(e.TargetTime > e.FeatureTime);
            Assert.Equal(byTime[e.TargetTime].Values[logret], e.Label);
            // The next bar in the series, not any later one.
            Assert.DoesNotContain(Sp500History.Observations, o => o.EventTime > e.FeatureTime && o.EventTime < e.TargetTime);
        }
    }

    [Fact]
    public void WarmUpRowsWithUndefinedInputsAreDropped()
    {
        var dataset = Build();
        Assert.All(dataset.Examples, e => Assert.All(e.Features, v => Assert.True(float.IsFinite(v))));
        // rv20 needs 20 returns, i.e. 21 bars; nothing before that can be an example.
        Assert.True(dataset.Examples[0].FeatureTime >= Sp500History.Observations[20].EventTime);
    }

    [Fact]
    public void NoExampleStraddlesASplitBoundary()
    {
        var trainEnd = new DateTime(2014, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var validationEnd = new DateTime(2016, 12, 30, 0, 0, 0, DateTimeKind.Utc);
        var dataset = Build(new DatasetSplits(trainEnd, validationEnd));

        Assert.All(dataset.Part(Split.Train), e => Assert.True(e.TargetTime <= trainEnd));
        Assert.All(dataset.Part(Split.Validation), e => Assert.True(e.FeatureTime > trainEnd && e.TargetTime <= validationEnd));
        Assert.All(dataset.Part(Split.Test), e => Assert.True(e.FeatureTime > validationEnd));
        // The example whose features are on the last training day has its label in validation: purged.
        var lastTrainDay = Sp500History.Observations.Last(o => o.EventTime <= trainEnd).EventTime;
        Assert.DoesNotContain(dataset.Examples, e => e.FeatureTime == lastTrainDay);
    }
}
