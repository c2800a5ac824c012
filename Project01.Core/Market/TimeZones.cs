namespace Project01.Core.Market;

public static class TimeZones
{
    /// <summary>An IANA (or Windows) zone id; null or empty is UTC. Unknown ids fail with the id in the message.</summary>
    public static TimeZoneInfo Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase)) return TimeZoneInfo.Utc;
        if (id == "America/New_York") return MarketTime.NewYork; // also where the machine has no tzdata
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone
            : throw new ArgumentException($"unknown time zone '{id}' (use an IANA id such as America/New_York or Europe/London)");
    }
}
