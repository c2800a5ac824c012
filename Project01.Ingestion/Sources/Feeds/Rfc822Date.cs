using System.Globalization;

namespace Project01.Ingestion.Sources.Feeds;

/// <summary>
/// RSS 2.0 dates are RFC 822 (<c>Mon, 24 Jun 2024 18:33:53 GMT</c>, <c>+0000</c>, <c>EDT</c>, …), which .NET does not
/// parse with its zone names. Day name and seconds are optional; two-digit years are read as 19xx/20xx.
/// </summary>
public static class Rfc822Date
{
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    private static readonly string[] Formats = ["d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm", "d MMM yy HH:mm:ss", "d MMM yy HH:mm"];

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var comma = s.IndexOf(',');
        if (comma >= 0) s = s[(comma + 1)..].Trim(); // the day name says nothing the date does not
        var space = s.LastIndexOf(' ');
        if (space < 0) return false;
        var zone = s[(space + 1)..];
        TimeSpan offset;
        if (ZoneHours.TryGetValue(zone, out var hours)) offset = TimeSpan.FromHours(hours);
        else if (zone.Length == 5 && zone[0] is '+' or '-' && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                 && int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && h <= 23 && m <= 59)
            offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(h, m, 0);
        else return false;
        if (!DateTime.TryParseExact(s[..space].Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var local))
            return false;
        // 01 Jan 0001 00:00 +0100 is a real RFC 822 date but no DateTime: out of range is a no, not an exception.
        var ticks = local.Ticks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
