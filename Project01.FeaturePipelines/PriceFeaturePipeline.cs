using Microsoft.Extensions.Logging;
using Project01.Core.Features;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;

namespace Project01.FeaturePipelines;

/// <summary>
/// Computes the price views with one engine per (interval, symbol), for history (backfill from the lake) and live bars
/// (the ticks stream) alike, and writes history offline and the latest values online: daily bars into
/// <c>price_v1</c>, intraday bars into the view of their interval (<c>price_5m_v1</c>, …), so the two coexist for one
/// symbol. A bar at or before its series' last processed time is skipped, so the stream can start from the beginning of
/// the topic after a backfill. Not thread safe: one pipeline is driven by one loop.
/// </summary>
public sealed partial class PriceFeaturePipeline(OfflineFeatureStore offline, OnlineFeatureStore online, ILogger<PriceFeaturePipeline> logger)
{
    private const int OfflineChunk = 20_000;
    private readonly Dictionary<(BarInterval Interval, string Symbol), PriceFeatureEngine> _engines = [];
    private readonly HashSet<string> _ensured = new(StringComparer.Ordinal);

    public long BarsProcessed { get; private set; }
    public long BarsSkipped { get; private set; }

    /// <summary>The daily series being followed.</summary>
    public IReadOnlyCollection<string> Symbols => _engines.Keys.Where(k => k.Interval.IsDaily).Select(k => k.Symbol).ToList();

    public Task EnsureSchemaAsync(CancellationToken ct) => EnsureSchemaAsync(FeatureView.Price, ct);

    /// <summary>Forgets every series' state, so a backfill rebuilds it from the start (after a failed batch whose rows
    /// may not have reached the stores: the stores are idempotent, the engines' memory is not).</summary>
    public void Reset() => _engines.Clear();

    /// <summary>Feeds live daily bars (ordered by time within each symbol) and stores the resulting rows.</summary>
    public Task<int> ProcessAsync(IEnumerable<Bar> bars, CancellationToken ct) => ProcessAsync(bars.ToAsyncEnumerable(), BarInterval.Daily, ct);

    /// <summary>Feeds live bars of one interval (ordered by time within each symbol) and stores the resulting rows.</summary>
    public Task<int> ProcessAsync(IEnumerable<Bar> bars, BarInterval interval, CancellationToken ct) => ProcessAsync(bars.ToAsyncEnumerable(), interval, ct);

    /// <summary>Replays history (e.g. the lake's bars of one interval) through the engines before the stream takes over.</summary>
    public async Task<int> BackfillAsync(IAsyncEnumerable<Bar> history, CancellationToken ct, BarInterval? interval = null)
    {
        var barInterval = interval ?? BarInterval.Daily;
        var written = await ProcessAsync(history, barInterval, ct);
        LogBackfilled(logger, FeatureView.PriceAt(barInterval).Key, _engines.Keys.Count(k => k.Interval == barInterval), BarsProcessed, written);
        return written;
    }

    private async Task<int> ProcessAsync(IAsyncEnumerable<Bar> bars, BarInterval interval, CancellationToken ct)
    {
        var view = FeatureView.PriceAt(interval);
        await EnsureSchemaAsync(view, ct);
        var rows = new List<FeatureRow>();
        var written = 0;
        await foreach (var bar in bars.WithCancellation(ct))
        {
            if (Compute(bar, interval) is { } row) rows.Add(row);
            if (rows.Count >= OfflineChunk)
            {
                written += await StoreAsync(view, rows, ct);
                rows.Clear();
            }
        }
        return written + await StoreAsync(view, rows, ct);
    }

    private async Task EnsureSchemaAsync(FeatureView view, CancellationToken ct)
    {
        if (_ensured.Contains(view.Key)) return;
        await offline.EnsureSchemaAsync(view, ct);
        _ensured.Add(view.Key);
    }

    private FeatureRow? Compute(in Bar bar, BarInterval interval)
    {
        if (!_engines.TryGetValue((interval, bar.Symbol), out var engine)) _engines[(interval, bar.Symbol)] = engine = new PriceFeatureEngine(interval);
        if (bar.Time <= engine.LastTime)
        {
            BarsSkipped++;
            return null;
        }
        var values = new double[PriceFeatures.Count];
        engine.Update(bar, values);
        BarsProcessed++;
        return new FeatureRow(bar.Symbol, bar.Time, DateTime.UtcNow, values);
    }

    private async Task<int> StoreAsync(FeatureView view, List<FeatureRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        // Offline first: the online store must never be ahead of the history it will be checked against.
        int inserted;
        using (FeatureStoreTracing.Start("offline store append", view, rows.Count))
            inserted = await offline.AppendAsync(view, rows, ct);
        using (FeatureStoreTracing.Start("online store write", view, rows.Count))
            await online.WriteLatestAsync(view, rows);
        return inserted;
    }

    [LoggerMessage(LogLevel.Information, "Backfilled {View}: {Symbols} symbol(s), {Bars} bars computed in all, {Rows} new offline rows")]
    private static partial void LogBackfilled(ILogger logger, string view, int symbols, long bars, int rows);
}
