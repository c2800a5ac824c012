using Project01.FeaturePipelines;
using Project01.FeatureStore.Registry;
using static Project01.FeaturePipelines.SentimentFeaturePipeline;

namespace Project01.FeaturePipelines.Tests;

public sealed class SentimentFeaturePipelineTests
{
    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static DateOnly Day(int d) => new(1987, 3, d);

    [Fact]
    public void ADaysRowIsTimedAtTheNextMidnightWithItsOwnAggregates()
    {
        var row = Assert.Single(Build([new DailySentiment("XOM", Day(2), 4, 0.25, 2)], Created));

        Assert.Equal(("XOM", new DateTime(1987, 3, 3, 0, 0, 0, DateTimeKind.Utc)), (row.Symbol, row.EventTime));
        Assert.Equal(SentimentFeatures.Names.Length, row.Values.Length);
        Assert.Equal([0.25, 4, 0.5], row.Values.Take(3));
        Assert.True(double.IsNaN(row.Values[3]) && double.IsNaN(row.Values[4]), "no baseline yet");
    }

    [Fact]
    public void SurpriseAndNoveltyUseOnlyEarlierDaysOfTheSameSymbol()
    {
        // Five earlier active days with means 0, 0.1, 0.2, 0.3, 0.4 and one text each; then a day of 3 texts at 0.9.
        var days = Enumerable.Range(0, 5).Select(i => new DailySentiment("IBM", Day(2 + i), 1, i / 10.0, 0)).ToList();
        days.Add(new DailySentiment("IBM", Day(9), 3, 0.9, 3));
        days.Add(new DailySentiment("GE", Day(9), 50, -1, -50)); // another symbol never enters IBM's baseline

        var ibm = Build(days, Created).Where(r => r.Symbol == "IBM").ToList();

        Assert.Equal(6, ibm.Count);
        Assert.True(double.IsNaN(ibm[4].Values[3]), "four earlier days are not a baseline");
        var last = ibm[^1];
        // Baseline mean 0.2, sample standard deviation sqrt(0.025) = 0.158114.
        Assert.Equal((0.9 - 0.2) / Math.Sqrt(0.025), last.Values[3], 12);
        Assert.Equal(Math.Log(4) - Math.Log(2), last.Values[4], 12);
        Assert.Equal(1.0, last.Values[2]);
    }

    [Fact]
    public void TheBaselineLooksBackTwentyActiveDaysAtMost()
    {
        // 25 days at 1.0 then 20 at 0.0: on day 46 the baseline holds only the zeros (sd 0 → surprise 0, not NaN).
        var days = Enumerable.Range(0, 45).Select(i => new DailySentiment("AA", DateOnly.FromDayNumber(700_000 + i), 1, i < 25 ? 1.0 : 0.0, 0)).ToList();
        days.Add(new DailySentiment("AA", DateOnly.FromDayNumber(700_045), 1, 0.0, 0));

        var last = Build(days, Created)[^1];

        Assert.Equal(0.0, last.Values[3]);
        Assert.Equal(0.0, last.Values[4], 12);
    }
}
