using Npgsql;
using NpgsqlTypes;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Delta;
using Project01.Postgres;

namespace Project01.FeatureStore.Offline;

/// <summary>
/// Feature history in the lake (one Delta table per view version, see <see cref="FeatureHistoryTable"/>) plus per-symbol
/// watermarks in Postgres that schedulers and servers read cheaply. An append stores, per symbol, only rows after the
/// last event time already stored (kept as a Delta txn version in the same commit), so replays and restarts are
/// idempotent; for one event time the latest computation wins on read.
/// </summary>
public sealed class OfflineFeatureStore(Lakehouse lake, NpgsqlDataSource db)
{
    private readonly Dictionary<string, PointInTimeIndex> _indexes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexGate = new(1, 1);

    public Task EnsureSchemaAsync(FeatureView view, CancellationToken ct) => PostgresSchema.EnsureAsync(db, """
        CREATE SCHEMA IF NOT EXISTS features;
        CREATE TABLE IF NOT EXISTS features.watermarks (
            view_key text NOT NULL,
            symbol text NOT NULL,
            last_event_time timestamptz NOT NULL,
            row_count bigint NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (view_key, symbol)
        );
        """, ct);

    private Task<DeltaTable> TableAsync(FeatureView view, CancellationToken ct) =>
        lake.GetOrCreateTableAsync(FeatureHistoryTable.Name(view), FeatureHistoryTable.Schema(view), FeatureHistoryTable.PartitionColumns, ct);

    /// <summary>
    /// Appends rows. <see cref="AppendMode.Incremental"/> (what pipelines use) stores only rows after each symbol's last
    /// stored event time, so recomputing history stores nothing twice; <see cref="AppendMode.Corrections"/> stores every
    /// row given (late-arriving or corrected values; on read, the latest computation of an event time wins).
    /// Returns how many rows were stored.
    /// </summary>
    public async Task<int> AppendAsync(FeatureView view, IReadOnlyList<FeatureRow> rows, CancellationToken ct, AppendMode mode = AppendMode.Incremental)
    {
        if (rows.Count == 0) return 0;
        foreach (var row in rows)
            if (row.Values.Length != view.Features.Count)
                throw new ArgumentException($"row for {row.Symbol} at {row.EventTime:O} has {row.Values.Length} values; {view.Key} has {view.Features.Count} features");
        var table = await TableAsync(view, ct);
        var snapshot = await table.RefreshAsync(ct);
        var fresh = rows.Where(r => mode == AppendMode.Corrections || r.EventTime.Ticks > snapshot.TransactionVersion(FeatureHistoryTable.TransactionId(view, r.Symbol)))
            .GroupBy(r => (r.Symbol, r.EventTime)).Select(g => g.MaxBy(r => r.CreatedAt)!)
            .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.EventTime).ToList();
        if (fresh.Count == 0) return 0;
        var transactions = fresh.GroupBy(r => r.Symbol).ToDictionary(g => FeatureHistoryTable.TransactionId(view, g.Key),
            g => Math.Max(g.Max(r => r.EventTime.Ticks), snapshot.TransactionVersion(FeatureHistoryTable.TransactionId(view, g.Key))));
        var result = await table.AppendAsync(FeatureHistoryTable.ToBatch(view, fresh), mode == AppendMode.Incremental ? transactions : null, ct);
        if (result.AlreadyCommitted) return 0; // a concurrent writer stored them first
        await UpdateWatermarksAsync(view, fresh, ct);
        return fresh.Count;
    }

    /// <summary>
    /// Point-in-time correct values for each entity row: the latest row at or before the row's time and within the
    /// view's TTL (NaN values and a null event time where there is none). Served from an in-memory index of the view's
    /// history that is rebuilt only when the table has a new version.
    /// </summary>
    public async Task<IReadOnlyList<HistoricalFeatures>> GetHistoricalFeaturesAsync(FeatureView view, IReadOnlyList<EntityRow> entities,
        CancellationToken ct = default)
    {
        var index = await IndexAsync(view, ct);
        var result = new HistoricalFeatures[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            result[i] = index is not null && index.TryLookup(e.Symbol, e.Time, view.Ttl, out var at, out var values)
                ? new HistoricalFeatures(e, at, values.ToArray())
                : new HistoricalFeatures(e, null, Enumerable.Repeat(double.NaN, view.Features.Count).ToArray());
        }
        return result;
    }

    /// <summary>The point-in-time index of a view at its latest version (null when the view has no history yet).</summary>
    public async Task<PointInTimeIndex?> IndexAsync(FeatureView view, CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(FeatureHistoryTable.Name(view), ct) is not { } table) return null;
        var version = (await table.RefreshAsync(ct)).Version;
        await _indexGate.WaitAsync(ct);
        try
        {
            if (_indexes.TryGetValue(view.Key, out var cached) && cached.Version == version) return cached;
            var rows = new List<FeatureRow>();
            await foreach (var row in ReadAsync(view, null, null, null, ct)) rows.Add(row);
            return _indexes[view.Key] = PointInTimeIndex.Build(rows, view.Features.Count, version);
        }
        finally
        {
            _indexGate.Release();
        }
    }

    private async Task UpdateWatermarksAsync(FeatureView view, List<FeatureRow> appended, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        foreach (var g in appended.GroupBy(r => r.Symbol))
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO features.watermarks (view_key, symbol, last_event_time, row_count, updated_at) VALUES ($1, $2, $3, $4, now())
                ON CONFLICT (view_key, symbol) DO UPDATE SET
                    last_event_time = GREATEST(features.watermarks.last_event_time, EXCLUDED.last_event_time),
                    row_count = features.watermarks.row_count + EXCLUDED.row_count,
                    updated_at = now()
                """);
            command.Parameters.AddWithValue(view.Key);
            command.Parameters.AddWithValue(g.Key);
            command.Parameters.AddWithValue(g.Max(r => r.EventTime));
            command.Parameters.AddWithValue((long)g.Count());
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>History of one symbol in event-time order (for each event time, the latest computation).</summary>
    public async Task<IReadOnlyList<FeatureRow>> GetHistoryAsync(FeatureView view, string symbol, DateTime? from = null, DateTime? to = null,
        CancellationToken ct = default)
    {
        var rows = new List<FeatureRow>();
        await foreach (var row in ReadAsync(view, symbol, from, to, ct)) rows.Add(row);
        return rows;
    }

    /// <summary>History (all symbols when <paramref name="symbol"/> is null), ordered by symbol and event time.</summary>
    public async IAsyncEnumerable<FeatureRow> ReadAsync(FeatureView view, string? symbol, DateTime? from, DateTime? to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(FeatureHistoryTable.Name(view), ct) is not { } table) yield break;
        var snapshot = await table.RefreshAsync(ct);
        var rows = new List<FeatureRow>();
        var filter = symbol is null ? null : new Dictionary<string, string> { ["symbol"] = symbol };
        await foreach (var batch in table.ReadAsync(snapshot, filter, ct))
            rows.AddRange(FeatureHistoryTable.FromBatch(view, batch).Where(r => (from is null || r.EventTime >= from) && (to is null || r.EventTime <= to)));
        foreach (var row in rows.GroupBy(r => (r.Symbol, r.EventTime)).Select(g => g.MaxBy(r => r.CreatedAt)!)
                     .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.EventTime))
            yield return row;
    }

    public async Task<IReadOnlyList<FeatureWatermark>> GetWatermarksAsync(FeatureView? view = null, CancellationToken ct = default)
    {
        await using var command = db.CreateCommand("""
            SELECT view_key, symbol, last_event_time, row_count, updated_at FROM features.watermarks
            WHERE $1::text IS NULL OR view_key = $1 ORDER BY view_key, symbol
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)view?.Key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var result = new List<FeatureWatermark>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result.Add(new FeatureWatermark(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTime>(2), reader.GetInt64(3),
                    reader.GetFieldValue<DateTime>(4)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No feature has been written yet.
        }
        return result;
    }
}

public enum AppendMode
{
    /// <summary>Only rows after each symbol's last stored event time (pipelines, replays, restarts).</summary>
    Incremental,

    /// <summary>Every row given, as a new computation of its event time (late data, corrections).</summary>
    Corrections,
}

/// <summary>A point-in-time lookup's answer: the entity row, the event time of the values used (null = none), the values.</summary>
public sealed record HistoricalFeatures(EntityRow Entity, DateTime? FeatureTime, double[] Values);
