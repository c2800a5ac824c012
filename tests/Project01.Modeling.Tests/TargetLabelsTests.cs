using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Tests;

public sealed class TargetLabelsTests
{
    private static readonly int Logret = PriceFeatures.IndexOf("logret");

    [Fact]
    public void Vol5IsTheRealizedVolatilityOfTheNextFiveReturnsAndItsNaiveForecastTheLastFive()
    {
        var obs = Sp500History.Observations;
        var dataset = DatasetBuilder.Build(obs, PriceFeatures.Names, ForecastTarget.Vol5, ModelInputs.Series);
        var position = obs.Select((o, i) => (o.EventTime, i)).ToDictionary(p => p.EventTime, p => p.i);
        foreach (var e in dataset.Examples.Take(300).Concat(dataset.Examples.TakeLast(300)))
        {
            var i = position[e.FeatureTime];
            Assert.Equal(obs[i + 5].EventTime, e.TargetTime);
            var next = Enumerable.Range(i + 1, 5).Sum(j => obs[j].Values[Logret] * obs[j].Values[Logret]);
            var last = Enumerable.Range(i - 4, 5).Sum(j => obs[j].Values[Logret] * obs[j].Values[Logret]);
            Assert.Equal(Math.Sqrt(next), e.Label, 14);
            Assert.Equal(Math.Sqrt(last), e.Naive, 14);
        }
    }

    [Fact]
    public void Dir1IsOneWhenTheNextReturnIsPositive()
    {
        var obs = Sp500History.Observations;
        var dataset = DatasetBuilder.Build(obs, PriceFeatures.Names, ForecastTarget.Dir1);
        var byTime = obs.ToDictionary(o => o.EventTime);
        Assert.All(dataset.Examples, e =>
        {
            Assert.Equal(byTime[e.TargetTime].Values[Logret] > 0 ? 1.0 : 0.0, e.Label);
            Assert.Equal(byTime[e.FeatureTime].Values[Logret] > 0 ? 1.0 : 0.0, e.Naive);
        });
        Assert.InRange(dataset.Examples.Average(e => e.Label), 0.5, 0.56); // the S&P 500 rose on a little over half its days
    }

    [Fact]
    public void Vol5SplitsPurgeEveryExampleWhoseFiveDayLabelCrossesABoundary()
    {
        var trainEnd = new DateTime(2014, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var validationEnd = new DateTime(2016, 12, 30, 0, 0, 0, DateTimeKind.Utc);
        var dataset = DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Vol5, ModelInputs.Series,
            new DatasetSplits(trainEnd, validationEnd));

        Assert.All(dataset.Part(Split.Train), e => Assert.True(e.TargetTime <= trainEnd));
        Assert.All(dataset.Part(Split.Validation), e => Assert.True(e.FeatureTime > trainEnd && e.TargetTime <= validationEnd));
        Assert.All(dataset.Part(Split.Test), e => Assert.True(e.FeatureTime > validationEnd));
        // The last five training feature days have labels in validation: all five purged.
        var lastTrainDays = Sp500History.Observations.Where(o => o.EventTime <= trainEnd).TakeLast(5).Select(o => o.EventTime).ToHashSet();
        Assert.DoesNotContain(dataset.Examples, e => lastTrainDays.Contains(e.FeatureTime));
        Assert.Contains(dataset.Examples, e => e.FeatureTime == Sp500History.Observations.Where(o => o.EventTime <= trainEnd).SkipLast(5).Last().EventTime);
    }
}
