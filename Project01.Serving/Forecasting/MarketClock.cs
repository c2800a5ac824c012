using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>
/// "Now" for staleness: the latest event time any symbol of a view has reached. With replayed history the wall clock
/// says every feature is years old; relative to the market's own clock, a symbol is stale when it lags the others.
/// Cached briefly so a request costs no extra round trip.
/// </summary>
public sealed class MarketClock(OfflineFeatureStore offline)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    // Per view: the daily and the intraday views each keep their own clock.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime At, DateTime? Now)> _cached = new(StringComparer.Ordinal);

    public async Task<DateTime?> NowAsync(FeatureView view, CancellationToken ct)
    {
        if (_cached.TryGetValue(view.Key, out var cached) && DateTime.UtcNow - cached.At < CacheFor) return cached.Now;
        var watermarks = await offline.GetWatermarksAsync(view, ct);
        DateTime? now = watermarks.Count == 0 ? null : watermarks.Max(w => w.LastEventTime);
        _cached[view.Key] = (DateTime.UtcNow, now);
        return now;
    }
}
