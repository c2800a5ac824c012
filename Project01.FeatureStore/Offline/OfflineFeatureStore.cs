using Npgsql;
using NpgsqlTypes;
using Project01.FeatureStore.Postgres;
using Project01.FeatureStore.Registry;

namespace Project01.FeatureStore.Offline;

/// <summary>
/// Feature history in Postgres: one table per view version (<c>features.price_v1</c>), a row per (symbol, event time,
/// created time), one column per feature. Appends are bulk COPYs; a row whose (symbol, event time) is already
/// present is not appended again, so replays and restarts are idempotent. Watermarks say how far each symbol is.
/// </summary>
public sealed class OfflineFeatureStore(NpgsqlDataSource db)
{
    public async Task EnsureSchemaAsync(FeatureView view, CancellationToken ct)
    {
        var columns = string.Join(",\n", view.Features.Select(f => $"    {Q(f)} double precision"));
        await PostgresSchema.EnsureAsync(db, $"""
            CREATE SCHEMA IF NOT EXISTS features;
            CREATE TABLE IF NOT EXISTS features.{Q(view.Key)} (
                symbol text NOT NULL,
                event_time timestamptz NOT NULL,
                created_at timestamptz NOT NULL,
            {columns},
                PRIMARY KEY (symbol, event_time, created_at)
            );
            CREATE TABLE IF NOT EXISTS features.watermarks (
                view_key text NOT NULL,
                symbol text NOT NULL,
                last_event_time timestamptz NOT NULL,
                row_count bigint NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (view_key, symbol)
            );
            """, ct);
    }

    /// <summary>Appends rows not yet present; returns how many were new. Updates the watermarks in the same transaction.</summary>
    public async Task<int> AppendAsync(FeatureView view, IReadOnlyList<FeatureRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var table = $"features.{Q(view.Key)}";
        var columnList = "symbol, event_time, created_at, " + string.Join(", ", view.Features.Select(Q));
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE staging (LIKE {table}) ON COMMIT DROP", connection, tx))
            await create.ExecuteNonQueryAsync(ct);

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY staging ({columnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                if (row.Values.Length != view.Features.Count)
                    throw new ArgumentException($"row for {row.Symbol} at {row.EventTime:O} has {row.Values.Length} values; {view.Key} has {view.Features.Count} features");
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Symbol, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.EventTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                foreach (var v in row.Values)
                {
                    if (double.IsFinite(v)) await copy.WriteAsync(v, NpgsqlDbType.Double, ct);
                    else await copy.WriteNullAsync(ct);
                }
            }
            await copy.CompleteAsync(ct);
        }

        int inserted;
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO {table} ({columnList})
            SELECT DISTINCT ON (s.symbol, s.event_time) {string.Join(", ", columnList.Split(", ").Select(c => "s." + c))}
            FROM staging s
            WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.symbol = s.symbol AND t.event_time = s.event_time)
            ORDER BY s.symbol, s.event_time, s.created_at DESC
            """, connection, tx))
            inserted = await insert.ExecuteNonQueryAsync(ct);

        await using (var watermark = new NpgsqlCommand($"""
            INSERT INTO features.watermarks (view_key, symbol, last_event_time, row_count, updated_at)
            SELECT $1, s.symbol, max(s.event_time),
                   (SELECT count(DISTINCT event_time) FROM {table} t WHERE t.symbol = s.symbol), now()
            FROM staging s GROUP BY s.symbol
            ON CONFLICT (view_key, symbol) DO UPDATE SET
                last_event_time = GREATEST(features.watermarks.last_event_time, EXCLUDED.last_event_time),
                row_count = EXCLUDED.row_count,
                updated_at = CASE WHEN EXCLUDED.row_count <> features.watermarks.row_count
                                  OR EXCLUDED.last_event_time > features.watermarks.last_event_time
                             THEN now() ELSE features.watermarks.updated_at END
            """, connection, tx))
        {
            watermark.Parameters.AddWithValue(view.Key);
            await watermark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return inserted;
    }

    /// <summary>History of one symbol in event-time order (for each event time, the latest computation).</summary>
    public async Task<IReadOnlyList<FeatureRow>> GetHistoryAsync(FeatureView view, string symbol, DateTime? from = null, DateTime? to = null,
        CancellationToken ct = default)
    {
        var rows = new List<FeatureRow>();
        await foreach (var row in ReadAsync(view, symbol, from, to, ct)) rows.Add(row);
        return rows;
    }

    /// <summary>Streams history (all symbols when <paramref name="symbol"/> is null), ordered by symbol and event time.</summary>
    public async IAsyncEnumerable<FeatureRow> ReadAsync(FeatureView view, string? symbol, DateTime? from, DateTime? to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var features = string.Join(", ", view.Features.Select(Q));
        await using var command = db.CreateCommand($"""
            SELECT DISTINCT ON (symbol, event_time) symbol, event_time, created_at, {features}
            FROM features.{Q(view.Key)}
            WHERE ($1::text IS NULL OR symbol = $1) AND event_time >= $2 AND event_time <= $3
            ORDER BY symbol, event_time, created_at DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)symbol ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(from ?? DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc));
        command.Parameters.AddWithValue(to ?? new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var n = view.Features.Count;
        while (await reader.ReadAsync(ct))
        {
            var values = new double[n];
            for (var i = 0; i < n; i++) values[i] = reader.IsDBNull(3 + i) ? double.NaN : reader.GetDouble(3 + i);
            yield return new FeatureRow(reader.GetString(0), reader.GetFieldValue<DateTime>(1), reader.GetFieldValue<DateTime>(2), values);
        }
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

    private static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
