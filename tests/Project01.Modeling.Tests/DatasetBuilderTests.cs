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

    [Theory]
    [InlineData(ForecastTarget.Ret1)]
    [InlineData(ForecastTarget.Vol5)]
    public void IntradayTargetsCountBarsWithinASessionAndNeverSpanANight(ForecastTarget target)
    {
        // Real S&P 500 closes stamped as 5-minute bars of New York sessions (09:35–16:00, 78 bars a day): a test of
        // the bookkeeping, not a claim about intraday prices.
        var interval = Project01.Core.Market.BarInterval.Parse("5m");
        var days = Sp500History.Observations.Take(78 * 6).ToList();
        var close = PriceFeatures.IndexOf("close");
        var bars = days.Select((o, i) => Project01.Core.Market.Bar.FromClose("SPX",
            new DateTime(2020, 1, 6, 14, 35, 0, DateTimeKind.Utc).AddDays(i / 78).AddMinutes(5 * (i % 78)), o.Values[close])).ToArray();
        var values = PriceFeatureEngine.ComputeBatch(bars, interval);
        var observations = bars.Select((b, i) => new FeatureObservation(b.Symbol, b.Time, values.AsSpan(i * PriceFeatures.Count, PriceFeatures.Count).ToArray())).ToList();

        var intraday = DatasetBuilder.Build(observations, PriceFeatures.Names, target, interval: interval);
        var asDays = DatasetBuilder.Build(observations, PriceFeatures.Names, target);

        Assert.NotEmpty(intraday.Examples);
        Assert.All(intraday.Examples, e => Assert.Equal(Project01.Core.Market.MarketTime.SessionDate(e.FeatureTime), Project01.Core.Market.MarketTime.SessionDate(e.TargetTime)));
        Assert.Contains(asDays.Examples, e => Project01.Core.Market.MarketTime.SessionDate(e.FeatureTime) != Project01.Core.Market.MarketTime.SessionDate(e.TargetTime));
    }
}
