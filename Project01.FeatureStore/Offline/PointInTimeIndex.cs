namespace Project01.FeatureStore.Offline;

/// <summary>An entity at a moment: "what did we know about SYMBOL at TIME?" (typically a label's time).</summary>
public readonly record struct EntityRow(string Symbol, DateTime Time);

/// <summary>
/// A view's history arranged for point-in-time lookups: per symbol, event times ascending and the values in one flat
/// array. A lookup at time t returns the row with the latest event time ≤ t (never a value stamped after t), and
/// nothing when that row is older than the view's TTL. Built once, then shared by any number of lookups.
/// </summary>
public sealed class PointInTimeIndex
{
    private readonly Dictionary<string, (long[] Times, double[] Values)> _bySymbol;

    private PointInTimeIndex(Dictionary<string, (long[], double[])> bySymbol, int width, long version)
    {
        _bySymbol = bySymbol;
        Width = width;
        Version = version;
    }

    /// <summary>Values per row (the view's feature count).</summary>
    public int Width { get; }

    /// <summary>The table version the index was built from.</summary>
    public long Version { get; }

    public int Symbols => _bySymbol.Count;

    /// <summary>From rows already reduced to one per (symbol, event time) and ordered by symbol then event time.</summary>
    public static PointInTimeIndex Build(IEnumerable<FeatureRow> orderedRows, int width, long version)
    {
        var bySymbol = new Dictionary<string, (long[], double[])>(StringComparer.Ordinal);
        foreach (var group in orderedRows.GroupBy(r => r.Symbol))
        {
            var rows = group.ToList();
            var times = new long[rows.Count];
            var values = new double[rows.Count * width];
            for (var i = 0; i < rows.Count; i++)
            {
                times[i] = rows[i].EventTime.Ticks;
                rows[i].Values.AsSpan(0, width).CopyTo(values.AsSpan(i * width, width));
            }
            bySymbol[group.Key] = (times, values);
        }
        return new PointInTimeIndex(bySymbol, width, version);
    }

    /// <summary>The values known at <paramref name="at"/>, or false (unknown symbol, nothing yet, or older than the TTL).</summary>
    public bool TryLookup(string symbol, DateTime at, TimeSpan ttl, out DateTime eventTime, out ReadOnlySpan<double> values)
    {
        eventTime = default;
        values = default;
        if (!_bySymbol.TryGetValue(symbol, out var series)) return false;
        // The last index whose time is ≤ at: BinarySearch gives the match, or the complement of the first greater one.
        var i = Array.BinarySearch(series.Times, at.Ticks);
        if (i < 0) i = ~i - 1;
        else while (i + 1 < series.Times.Length && series.Times[i + 1] == at.Ticks) i++;
        if (i < 0) return false;
        if (at.Ticks - series.Times[i] > ttl.Ticks) return false;
        eventTime = new DateTime(series.Times[i], DateTimeKind.Utc);
        values = series.Values.AsSpan(i * Width, Width);
        return true;
    }
}
