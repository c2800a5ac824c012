using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Project01.ModelRegistry.Registry;
using Project01.Postgres;

namespace Project01.Backtesting.Runs;

/// <summary>
/// Backtest results in Postgres (<c>registry.backtests</c>), one row per run id, with the equity, drawdown and
/// turnover series for the dashboard. Saving a run id that exists keeps the stored row (same id, same result).
/// </summary>
public sealed class BacktestStore(NpgsqlDataSource db)
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS registry.backtests (
            run_id text PRIMARY KEY,
            name text NOT NULL,
            version int NOT NULL,
            dataset_id text NOT NULL,
            strategy text NOT NULL,
            cost_bps double precision NOT NULL,
            periods_per_year int NOT NULL,
            metrics jsonb NOT NULL,
            dates date[] NOT NULL,
            equity double precision[] NOT NULL,
            drawdown double precision[] NOT NULL,
            turnover double precision[] NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            FOREIGN KEY (name, version) REFERENCES registry.model_versions (name, version)
        );
        CREATE INDEX IF NOT EXISTS backtests_by_model ON registry.backtests (name, version);
        """;

    /// <summary>The registry's tables first (the backtests reference model versions), then this one.</summary>
    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, ModelRegistryStore.Ddl + Ddl, ct);

    /// <summary>Stores a run unless its id is stored already; returns whether it was new.</summary>
    public async Task<bool> SaveAsync(BacktestRun run, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO registry.backtests (run_id, name, version, dataset_id, strategy, cost_bps, periods_per_year, metrics, dates, equity, drawdown, turnover)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (run_id) DO NOTHING
            """);
        command.Parameters.AddWithValue(run.RunId);
        command.Parameters.AddWithValue(run.Name);
        command.Parameters.AddWithValue(run.Version);
        command.Parameters.AddWithValue(run.DatasetId);
        command.Parameters.AddWithValue(run.Strategy);
        command.Parameters.AddWithValue(run.CostBps);
        command.Parameters.AddWithValue(run.PeriodsPerYear);
        // JSON has no NaN: undefined measures (e.g. ICIR of one asset) are left out.
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(run.Metrics.Where(kv => double.IsFinite(kv.Value)).ToDictionary()),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = run.Dates.Select(DateOnly.FromDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        command.Parameters.AddWithValue(run.Equity.ToArray());
        command.Parameters.AddWithValue(run.Drawdown.ToArray());
        command.Parameters.AddWithValue(run.Turnover.ToArray());
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<BacktestRun?> GetAsync(string runId, CancellationToken ct)
    {
        await using var command = db.CreateCommand(Select + " WHERE run_id = $1");
        command.Parameters.AddWithValue(runId);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>The runs of a model (all versions, or one; every model when <paramref name="name"/> is null), newest first.</summary>
    public async Task<IReadOnlyList<BacktestRun>> ListAsync(string? name, int? version, CancellationToken ct)
    {
        await using var command = db.CreateCommand(Select + " WHERE ($1::text IS NULL OR name = $1) AND ($2::int IS NULL OR version = $2) ORDER BY created_at DESC, run_id");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        return await ReadAsync(command, ct);
    }

    private const string Select = """
        SELECT run_id, name, version, dataset_id, strategy, cost_bps, periods_per_year, metrics::text, dates, equity, drawdown, turnover, created_at
        FROM registry.backtests
        """;

    private static async Task<IReadOnlyList<BacktestRun>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<BacktestRun>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new BacktestRun(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetDouble(5), reader.GetInt32(6), JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(7))!,
                [.. reader.GetFieldValue<DateOnly[]>(8).Select(d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))],
                reader.GetFieldValue<double[]>(9), reader.GetFieldValue<double[]>(10), reader.GetFieldValue<double[]>(11), reader.GetFieldValue<DateTime>(12)));
        return result;
    }
}
