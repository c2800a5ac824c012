using System.Globalization;
using System.Text.Json.Nodes;
using Project01.Lake.Data;

namespace Project01.Lake.Delta;

/// <summary>numRecords, min/max and null counts per column, written into each add action for data skipping.</summary>
internal static class Statistics
{
    public static FileStats Compute(RecordBatch batch)
    {
        var min = new Dictionary<string, JsonNode?>();
        var max = new Dictionary<string, JsonNode?>();
        var nulls = new Dictionary<string, long>();
        for (var c = 0; c < batch.Columns.Count; c++)
        {
            var name = batch.Schema.Fields[c].Name;
            var (lo, hi, n) = batch.Columns[c] switch
            {
                double[] a => DoubleRange(a),
                double?[] a => Range(a.Where(v => v is { } d && double.IsFinite(d)), a.LongCount(v => v is null), v => JsonValue.Create(v)),
                long[] a => LongRange(a),
                long?[] a => Range(a.Where(v => v is not null), a.LongCount(v => v is null), v => JsonValue.Create(v)),
                int[] a => Range(a.Select(v => (int?)v), 0, v => JsonValue.Create(v)),
                int?[] a => Range(a.Where(v => v is not null), a.LongCount(v => v is null), v => JsonValue.Create(v)),
                DateTime[] a => TimestampRange(a),
                DateTime?[] a => Range(a.Where(v => v is not null), a.LongCount(v => v is null), Timestamp),
                DateOnly[] a => Range(a.Select(v => (DateOnly?)v), 0, Date),
                DateOnly?[] a => Range(a.Where(v => v is not null), a.LongCount(v => v is null), Date),
                string?[] a => ((JsonNode?)null, (JsonNode?)null, a.LongCount(v => v is null)),
                _ => (null, null, 0L),
            };
            if (lo is not null) { min[name] = lo; max[name] = hi; }
            nulls[name] = n;
        }
        return new FileStats(batch.Length, min, max, nulls);
    }

    // Typed loops for the required columns of hot tables: no boxing, one pass.
    private static (JsonNode?, JsonNode?, long) DoubleRange(double[] a)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in a)
            if (double.IsFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
        return lo > hi ? (null, null, 0) : (JsonValue.Create(lo), JsonValue.Create(hi), 0);
    }

    private static (JsonNode?, JsonNode?, long) LongRange(long[] a)
    {
        if (a.Length == 0) return (null, null, 0);
        long lo = long.MaxValue, hi = long.MinValue;
        foreach (var v in a) { if (v < lo) lo = v; if (v > hi) hi = v; }
        return (JsonValue.Create(lo), JsonValue.Create(hi), 0);
    }

    private static (JsonNode?, JsonNode?, long) TimestampRange(DateTime[] a)
    {
        if (a.Length == 0) return (null, null, 0);
        DateTime lo = DateTime.MaxValue, hi = DateTime.MinValue;
        foreach (var v in a) { if (v < lo) lo = v; if (v > hi) hi = v; }
        return (Timestamp(lo), Timestamp(hi), 0);
    }

    private static (JsonNode?, JsonNode?, long) Range<T>(IEnumerable<T?> values, long nulls, Func<T, JsonNode?> node) where T : struct, IComparable<T>
    {
        T? lo = null, hi = null;
        foreach (var v in values)
        {
            if (v is not { } x) continue;
            if (lo is null || x.CompareTo(lo.Value) < 0) lo = x;
            if (hi is null || x.CompareTo(hi.Value) > 0) hi = x;
        }
        return lo is null ? (null, null, nulls) : (node(lo.Value), node(hi!.Value), nulls);
    }

    private static JsonNode? Timestamp(DateTime t) => JsonValue.Create(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    private static JsonNode? Date(DateOnly d) => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
