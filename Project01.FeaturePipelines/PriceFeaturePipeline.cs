using Microsoft.Extensions.Logging;
using Project01.Core.Features;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;

namespace Project01.FeaturePipelines;

/// <summary>
/// Computes the price view with one engine per symbol, for history (backfill from the lake) and live bars (the ticks
/// stream) alike, and writes history offline and the latest values online. A bar at or before a symbol's last
/// processed time is skipped, so the stream can start from the beginning of the topic after a backfill. Not thread
/// safe: one pipeline is driven by one loop.
/// </summary>
public sealed partial class PriceFeaturePipeline(OfflineFeatureStore offline, OnlineFeatureStore online, ILogger<PriceFeaturePipeline> logger)
{
    private const int OfflineChunk = 20_000;
    private readonly Dictionary<string, PriceFeatureEngine> _engines = new(StringComparer.Ordinal);
    private readonly FeatureView _view = FeatureView.Price;

    public long BarsProcessed { get; private set; }
    public long BarsSkipped { get; private set; }
    public IReadOnlyCollection<string> Symbols => _engines.Keys;

    public Task EnsureSchemaAsync(CancellationToken ct) => offline.EnsureSchemaAsync(_view, ct);

    /// <summary>Forgets every symbol's state, so a backfill rebuilds it from the start (after a failed batch whose rows
    /// may not have reached the stores: the stores are idempotent, the engines' memory is not).</summary>
    public void Reset() => _engines.Clear();

    /// <summary>Feeds live bars (ordered by time within each symbol) and stores the resulting rows.</summary>
    public Task<int> ProcessAsync(IEnumerable<Bar> bars, CancellationToken ct) => ProcessAsync(bars.ToAsyncEnumerable(), ct);

    /// <summary>Replays history (e.g. the lake's bars) through the engines before the stream takes over.</summary>
    public async Task<int> BackfillAsync(IAsyncEnumerable<Bar> history, CancellationToken ct)
    {
        var written = await ProcessAsync(history, ct);
        LogBackfilled(logger, _engines.Count, BarsProcessed, written);
        return written;
    }

    private async Task<int> ProcessAsync(IAsyncEnumerable<Bar> bars, CancellationToken ct)
    {
        var rows = new List<FeatureRow>();
        var written = 0;
        await foreach (var bar in bars.WithCancellation(ct))
        {
            if (Compute(bar) is { } row) rows.Add(row);
            if (rows.Count >= OfflineChunk)
            {
                written += await StoreAsync(rows, ct);
                rows.Clear();
            }
        }
        return written + await StoreAsync(rows, ct);
    }

    private FeatureRow? Compute(in Bar bar)
    {
        if (!_engines.TryGetValue(bar.Symbol, out var engine)) _engines[bar.Symbol] = engine = new PriceFeatureEngine();
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

    private async Task<int> StoreAsync(List<FeatureRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        // Offline first: the online store must never be ahead of the history it will be checked against.
        var inserted = await offline.AppendAsync(_view, rows, ct);
        await online.WriteLatestAsync(_view, rows);
        return inserted;
    }

    [LoggerMessage(LogLevel.Information, "Backfilled {Symbols} symbol(s): {Bars} bars computed, {Rows} new offline rows")]
    private static partial void LogBackfilled(ILogger logger, int symbols, long bars, int rows);
}
