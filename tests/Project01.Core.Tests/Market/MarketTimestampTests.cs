using Project01.Core.Market;

namespace Project01.Core.Tests.Market;

public class MarketTimestampTests
{
    private static readonly TimeZoneInfo NewYork = MarketTime.NewYork;

    // 2020-01-02 09:30 in New York (EST, UTC-5) is 14:30 UTC: every form a vendor might write for it.
    private static readonly DateTime Open = new(2020, 1, 2, 14, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2020-01-02T14:30:00Z", "UTC")]
    [InlineData("2020-01-02T14:30Z", "UTC")]
    [InlineData("2020-01-02T14:30:00.000Z", "UTC")]
    [InlineData("2020-01-02T09:30:00-05:00", "UTC")]
    [InlineData("2020-01-02 09:30:00-05:00", "UTC")]
    [InlineData("2020-01-02 09:30:00 -05:00", "UTC")]
    [InlineData("2020-01-02T15:30:00+01:00", "America/New_York")] // an explicit offset wins over the zone
    [InlineData("2020-01-02T14:30:00", "UTC")]
    [InlineData("2020-01-02 14:30:00", "UTC")]
    [InlineData("2020-01-02 14:30", "UTC")]
    [InlineData("2020-01-02T09:30:00", "America/New_York")]
    [InlineData("2020-01-02 09:30:00", "America/New_York")]
    [InlineData("1577975400", "America/New_York")] // epoch seconds ignore the zone
    [InlineData("1577975400000", "UTC")]
    [InlineData("1577975400000000", "UTC")]
    [InlineData("1577975400000000000", "UTC")] // Polygon flat files: nanoseconds
    [InlineData("\"2020-01-02 09:30:00\"", "America/New_York")]
    public void EveryFormOfOneInstantParsesToIt(string text, string zone)
    {
        Assert.True(MarketTimestamp.TryParse(text, Zone(zone), out var utc, out var problem), problem);
        Assert.Equal(Open, utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("2020-01-02")]
    [InlineData("20200102")]
    public void DatesAreDailyBarsAtMidnightUtcWhateverTheZone(string text)
    {
        Assert.True(MarketTimestamp.TryParse(text, NewYork, out var utc, out _));
        Assert.Equal(new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc), utc);
    }

    [Theory]
    [InlineData("20200102", "093000", "America/New_York")]
    [InlineData("2020-01-02", "09:30:00", "America/New_York")]
    [InlineData("20200102", "1530", "Europe/Warsaw")] // Stooq's intraday files are in Polish time
    public void ADateAndATimeColumnMakeOneInstant(string date, string time, string zone)
    {
        Assert.True(MarketTimestamp.TryParse(date, time, Zone(zone), out var utc, out var problem), problem);
        Assert.Equal(Open, utc);
    }

    [Fact]
    public void SummerTimeIsTheZonesNotAFixedOffset()
    {
        Assert.True(MarketTimestamp.TryParse("2020-07-01 09:30:00", NewYork, out var utc, out _));
        Assert.Equal(new DateTime(2020, 7, 1, 13, 30, 0, DateTimeKind.Utc), utc);
    }

    [Theory]
    [InlineData("2020-03-08 02:30:00", "does not exist in")] // New York's clocks jump from 02:00 to 03:00
    [InlineData("2020-02-30", "is not a timestamp")]
    [InlineData("2020-01-02T25:00:00", "is not a timestamp")]
    [InlineData("02/01/2020", "is not a timestamp")] // day-first or month-first: ambiguous, refused
    [InlineData("20201302", "is not a yyyyMMdd date")]
    [InlineData("99999999999999999999", "is not an epoch time")]
    [InlineData("12345", "is not an epoch time")] // 1970: a wrong column, not a bar
    [InlineData("", "empty value")]
    public void WhatIsNotAnInstantIsRefusedWithTheReason(string text, string reason)
    {
        Assert.False(MarketTimestamp.TryParse(text, NewYork, out _, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void OutputHasOneFormPerSeries()
    {
        var midnight = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal("1900-01-01", MarketTimestamp.Format(midnight, daily: true));
        Assert.Equal("1900-01-01T00:00:00Z", MarketTimestamp.Format(midnight, daily: false));
        Assert.Equal("1900-01-01T00:01:00Z", MarketTimestamp.Format(midnight.AddMinutes(1), daily: false));
        Assert.False(MarketTimestamp.AllDates([midnight, midnight.AddMinutes(1)]));
        Assert.True(MarketTimestamp.AllDates([midnight, midnight.AddDays(1)]));
    }

    private static TimeZoneInfo Zone(string id) => id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
