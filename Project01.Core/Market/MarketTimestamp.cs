using System.Globalization;

namespace Project01.Core.Market;

/// <summary>
/// The timestamp forms vendor bar files carry, each to one UTC instant: ISO dates (a daily bar, 00:00 UTC of the
/// session date), ISO date-times with <c>T</c> or a space, with or without seconds, fractions, <c>Z</c> or an offset,
/// compact <c>yyyyMMdd</c> (Stooq) and epoch seconds, milliseconds, microseconds or nanoseconds (told apart by size).
/// A date-time without a zone is local time in the zone given (UTC unless a file says otherwise); epochs and explicit
/// offsets ignore it.
/// </summary>
public static class MarketTimestamp
{
    public const string Forms = "yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss][Z|±hh:mm], 'yyyy-MM-dd HH:mm:ss', yyyyMMdd or epoch seconds/milliseconds";

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss zzz",
    ];

    // An epoch past this is far more likely a wrong column than a bar.
    private static readonly DateTime LatestEpoch = new(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why in words.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimeZoneInfo zone, out DateTime utc, out string problem)
    {
        var s = text.Trim().Trim('"');
        utc = default;
        problem = "";
        if (s.IsEmpty)
        {
            problem = "empty value";
            return false;
        }
        if (IsDigits(s)) return s.Length == 8 ? TryCompactDate(s, out utc, out problem) : TryEpoch(s, out utc, out problem);
        if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            utc = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }
        if (s.Length > 10)
        {
            var clock = s[11..];
            if (s[^1] is 'Z' or 'z')
            {
                if (DateTime.TryParseExact(s[..^1], LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var z))
                {
                    utc = DateTime.SpecifyKind(z, DateTimeKind.Utc);
                    return true;
                }
            }
            else if (clock.IndexOfAny('+', '-') >= 0)
            {
                if (DateTimeOffset.TryParseExact(s, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var offset))
                {
                    utc = offset.UtcDateTime;
                    return true;
                }
            }
            else if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return TryFromZone(local, zone, out utc, out problem);
            }
        }
        problem = $"'{s}' is not a timestamp ({Forms})";
        return false;
    }

    /// <summary>A date column and a separate time-of-day column (Stooq's <c>&lt;DATE&gt;,&lt;TIME&gt;</c>: yyyyMMdd and
    /// HHmmss, or ISO forms). A time of 00:00:00 keeps a daily bar's date.</summary>
    public static bool TryParse(ReadOnlySpan<char> dateText, ReadOnlySpan<char> timeText, TimeZoneInfo zone, out DateTime utc, out string problem)
    {
        if (!TryParse(dateText, TimeZoneInfo.Utc, out var date, out problem)) { utc = default; return false; }
        var t = timeText.Trim().Trim('"');
        if (!TimeOnly.TryParseExact(t, ["HHmmss", "HH:mm:ss", "HH:mm", "HHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            utc = default;
            problem = $"'{t}' is not a time of day (HHmmss or HH:mm:ss)";
            return false;
        }
        if (time == TimeOnly.MinValue) { utc = date; return true; }
        return TryFromZone(DateTime.SpecifyKind(date.Date + time.ToTimeSpan(), DateTimeKind.Unspecified), zone, out utc, out problem);
    }

    /// <summary>The one output form: a date for a bar at 00:00 UTC of a daily series, else ISO 8601 UTC to the second
    /// (or the tick when it has a fraction).</summary>
    public static string Format(DateTime utc, bool daily) =>
        daily ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : utc.Ticks % TimeSpan.TicksPerSecond == 0 ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when every time is midnight UTC: a daily series, written as dates.</summary>
    public static bool AllDates(IEnumerable<DateTime> times) => times.All(t => t.TimeOfDay == TimeSpan.Zero);

    private static bool TryFromZone(DateTime local, TimeZoneInfo zone, out DateTime utc, out string problem)
    {
        problem = "";
        if (zone == TimeZoneInfo.Utc)
        {
            utc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
            return true;
        }
        if (zone.IsInvalidTime(local))
        {
            utc = default;
            problem = $"{local:yyyy-MM-dd HH:mm:ss} does not exist in {zone.Id} (clocks moved forward)";
            return false;
        }
        // An ambiguous local time (clocks moved back) is read as standard time, as TimeZoneInfo does.
        utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return true;
    }

    private static bool TryCompactDate(ReadOnlySpan<char> s, out DateTime utc, out string problem)
    {
        problem = "";
        if (DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            utc = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return true;
        }
        utc = default;
        problem = $"'{s}' is not a yyyyMMdd date";
        return false;
    }

    private static bool TryEpoch(ReadOnlySpan<char> s, out DateTime utc, out string problem)
    {
        utc = default;
        problem = $"'{s}' is not an epoch time (9 to 19 digits: seconds, milliseconds, microseconds or nanoseconds since 1970, before 2200)";
        // Fewer than 9 digits (before March 1973 in seconds) is a count or an id in the wrong column, not a time.
        if (s.Length is < 9 or > 19 || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        // Seconds have up to 10 digits until 2286, milliseconds 13, microseconds 16, nanoseconds 19.
        var ticks = s.Length <= 11 ? n * TimeSpan.TicksPerSecond
            : s.Length <= 14 ? n * TimeSpan.TicksPerMillisecond
            : s.Length <= 17 ? n * TimeSpan.TicksPerMicrosecond
            : n / 100;
        if (ticks > (LatestEpoch - DateTime.UnixEpoch).Ticks) return false;
        utc = DateTime.UnixEpoch.AddTicks(ticks);
        problem = "";
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
