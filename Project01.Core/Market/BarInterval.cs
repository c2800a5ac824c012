using System.Globalization;

namespace Project01.Core.Market;

/// <summary>How far apart a series' bars are: one day, or a whole number of minutes (1-minute to 1-hour bars).</summary>
public readonly record struct BarInterval(TimeSpan Length)
{
    public static BarInterval Daily { get; } = new(TimeSpan.FromDays(1));

    public bool IsDaily => Length >= TimeSpan.FromDays(1);

    /// <summary>"1d", "5m", "1h": the names feature views and the CLI use.</summary>
    public override string ToString() =>
        IsDaily ? "1d"
        : Length.TotalMinutes % 60 == 0 ? $"{Length.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : $"{Length.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m";

    public static BarInterval Parse(string text) => TryParse(text, out var interval, out var problem) ? interval : throw new FormatException(problem);

    /// <summary>Parses "1d", "5m", "1h"…; on failure <paramref name="problem"/> says why (for a validation error).</summary>
    public static bool TryParse(string text, out BarInterval interval, out string problem)
    {
        var t = text.Trim().ToLowerInvariant();
        problem = "";
        if (t.Length >= 2 && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (t[^1])
            {
                case 'd' when n == 1: interval = Daily; return true;
                case 'h' when n <= 24: interval = new(TimeSpan.FromHours(n)); return true;
                case 'm' when n < 24 * 60: interval = new(TimeSpan.FromMinutes(n)); return true;
            }
        }
        interval = default;
        problem = $"'{text}' is not a bar interval (1d, or minutes/hours such as 1m, 5m, 15m, 1h)";
        return false;
    }

    /// <summary>
    /// The interval of a series in time order: the most common gap between consecutive bars (overnight and weekend
    /// gaps are rarer than the bar spacing itself), rounded to whole minutes; a day or more is daily. Null with fewer than
    /// two bars.
    /// </summary>
    public static BarInterval? Infer(IReadOnlyList<DateTime> times)
    {
        if (times.Count < 2) return null;
        var counts = new Dictionary<long, int>();
        for (var i = 1; i < times.Count; i++)
        {
            var minutes = (long)Math.Round((times[i] - times[i - 1]).TotalMinutes);
            if (minutes <= 0) continue;
            counts[minutes] = counts.GetValueOrDefault(minutes) + 1;
        }
        if (counts.Count == 0) return null;
        var mode = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        return mode >= 20 * 60 ? Daily : new BarInterval(TimeSpan.FromMinutes(mode));
    }
}
