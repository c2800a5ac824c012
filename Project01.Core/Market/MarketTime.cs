namespace Project01.Core.Market;

/// <summary>US equity market time: sessions and daily bars are dated in New York time.</summary>
public static class MarketTime
{
    /// <summary>
    /// America/New_York from the system's time zone data, or the same rules built in (EST/EDT, DST from the second
    /// Sunday of March to the first Sunday of November, as since 2007) where the machine has no tzdata.
    /// </summary>
    public static TimeZoneInfo NewYork { get; } = TimeZoneInfo.TryFindSystemTimeZoneById("America/New_York", out var zone) ? zone : BuiltInNewYork();

    /// <summary>The New York session date of a UTC instant.</summary>
    public static DateOnly SessionDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork));

    /// <summary>
    /// For intraday bars in time order: the one-bar log returns with each session's first return (the overnight gap,
    /// from the previous session's last close) set to NaN, so that nothing measured "per bar" spans a night.
    /// </summary>
    public static double[] WithinSessionReturns(IReadOnlyList<DateTime> times, IReadOnlyList<double> returns)
    {
        var result = returns.ToArray();
        for (var i = 1; i < times.Count; i++)
            if (SessionDate(times[i]) != SessionDate(times[i - 1])) result[i] = double.NaN;
        return result;
    }

    private static TimeZoneInfo BuiltInNewYork()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2007, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("America/New_York", TimeSpan.FromHours(-5), "Eastern Time", "EST", "EDT", [rule]);
    }
}
