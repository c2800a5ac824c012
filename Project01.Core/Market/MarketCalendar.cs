namespace Project01.Core.Market;

/// <summary>Trading days as the platform models them: weekdays (exchange holidays are not modelled).</summary>
public static class MarketCalendar
{
    /// <summary>The next weekday after a daily bar.</summary>
    public static DateTime NextSession(DateTime t)
    {
        var next = t.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) next = next.AddDays(1);
        return next;
    }
}
