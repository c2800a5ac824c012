using Project01.ModelRegistry.Registry;
using Project01.Monitoring.Performance;

namespace Project01.Monitoring.Tests;

public sealed class MonthlyCoverageTests
{
    private static DateTime Day(int month, int day) => new(2020, month, day, 21, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CoverageIsTheShareOfOutcomesInsideTheirIntervalPerCalendarMonthOfTheOutcome()
    {
        var months = MonthlyCoverage.Compute(
        [
            (Day(1, 2), 0.5, 0, 1), (Day(1, 3), 1.0, 0, 1), (Day(1, 6), 1.5, 0, 1), (Day(1, 31), -0.1, 0, 1), // 2 of 4 (bounds count as inside)
            (Day(3, 2), 0.2, 0.1, 0.3), (Day(3, 3), 0.25, 0.1, 0.3), (Day(3, 4), 0.4, 0.1, 0.3), // 2 of 3
        ]);
        Assert.Equal([new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc)], months.Select(m => m.Month));
        Assert.Equal([4, 3], months.Select(m => m.Count));
        Assert.Equal(0.5, months[0].Coverage);
        Assert.Equal(2.0 / 3, months[1].Coverage, 12);
    }

    [Fact]
    public void OutcomesWithoutAFiniteIntervalAreLeftOutAndAMonthWithNoneLeftIsOmitted()
    {
        var months = MonthlyCoverage.Compute(
        [
            (Day(1, 2), 0.5, double.NegativeInfinity, double.PositiveInfinity), // no interval served yet
            (Day(1, 3), 0.5, double.NaN, double.NaN),
            (Day(2, 3), double.NaN, 0, 1), // no outcome
            (Day(2, 4), 2, 0, 1),
        ]);
        var only = Assert.Single(months);
        Assert.Equal(new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc), only.Month);
        Assert.Equal((1, 0), (only.Count, only.Inside));
    }

    [Fact]
    public void StoredPredictionsAreMeasuredAtEachStoredLevelAndOldOnesWithoutBoundsAreLeftOut()
    {
        StoredPrediction[] stored =
        [
            new("SPX", Day(4, 1), Day(4, 2), 0, 0.15, "test", new(-0.1, 0.1), new(-0.2, 0.2)), // outside 80 %, inside 90 %
            new("SPX", Day(4, 2), Day(4, 3), 0, 0.05, "test", new(-0.1, 0.1), new(-0.2, 0.2)), // inside both
            new("SPX", Day(4, 3), Day(4, 6), 0, 0.05, "test"), // trained before bounds were stored
            new("SPX", Day(4, 6), Day(4, 7), 0, null, "test", new(-0.1, 0.1), new(-0.2, 0.2)), // outcome not known
        ];
        var byLevel = MonthlyCoverage.StoredLevels.ToDictionary(l => l.Nominal, l => Assert.Single(MonthlyCoverage.Compute(stored, l.Bounds)));
        Assert.Equal((2, 1), (byLevel[0.8].Count, byLevel[0.8].Inside));
        Assert.Equal((2, 2), (byLevel[0.9].Count, byLevel[0.9].Inside));
        Assert.Empty(MonthlyCoverage.Compute(stored.Where(p => p.Interval80 is null), MonthlyCoverage.StoredLevels[0].Bounds));
    }

    [Theory]
    [InlineData(81, 0.8, true)]
    [InlineData(82, 0.8, true)]
    [InlineData(83, 0.8, false)]
    [InlineData(77, 0.8, false)]
    [InlineData(88, 0.9, true)]
    [InlineData(87, 0.9, false)]
    public void AMonthHoldsWithinTwoPointsOfNominal(int inside, double nominal, bool holds) =>
        Assert.Equal(holds, new MonthCoverage(DateTime.UnixEpoch, 100, inside).Holds(nominal));
}
