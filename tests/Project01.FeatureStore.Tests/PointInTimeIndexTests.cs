using CsCheck;
using Project01.FeatureStore.Offline;

namespace Project01.FeatureStore.Tests;

public sealed class PointInTimeIndexTests
{
    private static readonly DateTime Day = new(2020, 1, 6, 0, 0, 0, DateTimeKind.Utc);

    private static FeatureRow Row(string symbol, DateTime t, double v) => new(symbol, t, DateTime.UtcNow, [v, v * 10]);

    private static PointInTimeIndex Index(params FeatureRow[] rows) =>
        PointInTimeIndex.Build(rows.OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.EventTime), 2, version: 1);

    [Fact]
    public void AValueStampedOneTickAfterTheLabelTimeIsNeverUsed()
    {
        var index = Index(Row("A", Day, 1), Row("A", Day.AddDays(1), 2));
        var label = Day.AddDays(1).AddTicks(-1);

        Assert.True(index.TryLookup("A", label, TimeSpan.FromDays(4), out var at, out var values));
        Assert.Equal(Day, at);
        Assert.Equal(1, values[0]);
        Assert.True(index.TryLookup("A", Day.AddDays(1), TimeSpan.FromDays(4), out at, out values)); // at the very tick it is known
        Assert.Equal((Day.AddDays(1), 2.0), (at, values[0]));
    }

    [Fact]
    public void NothingIsKnownBeforeTheFirstValue()
    {
        var index = Index(Row("A", Day, 1));
        Assert.False(index.TryLookup("A", Day.AddTicks(-1), TimeSpan.FromDays(4), out _, out _));
        Assert.False(index.TryLookup("B", Day, TimeSpan.FromDays(4), out _, out _));
    }

    [Fact]
    public void ValuesOlderThanTheTtlExpire()
    {
        var index = Index(Row("A", Day, 1));
        Assert.True(index.TryLookup("A", Day.AddDays(4), TimeSpan.FromDays(4), out _, out _));
        Assert.False(index.TryLookup("A", Day.AddDays(4).AddTicks(1), TimeSpan.FromDays(4), out _, out _));
    }

    [Fact]
    public void SymbolsDoNotSeeEachOther()
    {
        var index = Index(Row("A", Day, 1), Row("B", Day.AddDays(1), 2));
        Assert.True(index.TryLookup("B", Day.AddDays(2), TimeSpan.FromDays(4), out var at, out var values));
        Assert.Equal((Day.AddDays(1), 2.0, 20.0), (at, values[0], values[1]));
        Assert.False(index.TryLookup("B", Day, TimeSpan.FromDays(4), out _, out _));
    }

    [Fact]
    public void LookupsAgreeWithALinearScan() =>
        Gen.Select(Gen.Int[0, 2_000].Array[1, 60], Gen.Int[-10, 2_100].Array[1, 40], Gen.Int[1, 500]).Sample((offsets, probes, ttlMinutes) =>
        {
            var times = offsets.Distinct().Order().Select(o => Day.AddMinutes(o)).ToArray();
            var index = PointInTimeIndex.Build(times.Select((t, i) => new FeatureRow("X", t, t, [i])), 1, 1);
            var ttl = TimeSpan.FromMinutes(ttlMinutes);
            foreach (var probe in probes.Select(p => Day.AddMinutes(p)))
            {
                var last = Array.FindLastIndex(times, t => t <= probe);
                var known = last >= 0 && probe - times[last] <= ttl;
                Assert.Equal(known, index.TryLookup("X", probe, ttl, out var at, out var values));
                if (known) Assert.Equal((times[last], (double)last), (at, values[0]));
            }
        });
}
