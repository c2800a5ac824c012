using System.Collections.Concurrent;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>
/// "Now" for staleness: the latest event time any symbol of a view has reached. With replayed history the wall clock
/// says every feature is years old; relative to the market's own clock, a symbol is stale when it lags the others.
/// Only a view's first request waits for Postgres; after that a request reads the cached value and, once it is older
/// than five seconds, one background query refreshes it, so concurrent requests never stampede the database together.
/// </summary>
public sealed class MarketClock
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);
    private readonly Func<FeatureView, CancellationToken, Task<DateTime?>> _read;
    private readonly TimeProvider _time;
    // Per view: the daily and the intraday views each keep their own clock.
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public MarketClock(OfflineFeatureStore offline) : this((view, ct) => LatestEventTimeAsync(offline, view, ct), TimeProvider.System) { }

    /// <summary>For tests: any source of the latest event time, and a clock that can be moved by hand.</summary>
    public MarketClock(Func<FeatureView, CancellationToken, Task<DateTime?>> read, TimeProvider time)
    {
        _read = read;
        _time = time;
    }

    public async Task<DateTime?> NowAsync(FeatureView view, CancellationToken ct)
    {
        if (_entries.TryGetValue(view.Key, out var entry))
        {
            if (_time.GetUtcNow() - entry.At >= RefreshAfter && Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) == 0)
                _ = RefreshAsync(view, entry);
            return entry.Now;
        }
        var now = await _read(view, ct);
        _entries[view.Key] = new Entry(_time.GetUtcNow(), now);
        return now;
    }

    private async Task RefreshAsync(FeatureView view, Entry stale)
    {
        try
        {
            _entries[view.Key] = new Entry(_time.GetUtcNow(), await _read(view, CancellationToken.None));
        }
        catch (Exception)
        {
            // Keep serving the last known clock; the next request past the window tries again.
            Volatile.Write(ref stale.Refreshing, 0);
        }
    }

    private static async Task<DateTime?> LatestEventTimeAsync(OfflineFeatureStore offline, FeatureView view, CancellationToken ct)
    {
        var watermarks = await offline.GetWatermarksAsync(view, ct);
        return watermarks.Count == 0 ? null : watermarks.Max(w => w.LastEventTime);
    }

    private sealed class Entry(DateTimeOffset at, DateTime? now)
    {
        public DateTimeOffset At { get; } = at;
        public DateTime? Now { get; } = now;
        public int Refreshing;
    }
}
