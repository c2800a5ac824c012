using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Project01.Monitoring.Drift;
using Project01.Postgres;

namespace Project01.Monitoring.Drift;

/// <summary>A stored drift check of one model version against the data it was computed on (<see cref="DataId"/>).</summary>
public sealed record DriftReport(long Id, string Model, int Version, string DataId, DateTime ComputedAt, DriftAnalysis Analysis);

/// <summary>
/// Drift reports in Postgres (<c>monitoring.drift_reports</c>): one row per check, the analysis as jsonb (NaN kept
/// as the JSON string "NaN": an undefined measure stays undefined rather than becoming 0).
/// </summary>
public sealed class DriftReportStore(NpgsqlDataSource db)
{
    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS monitoring;
        CREATE TABLE IF NOT EXISTS monitoring.drift_reports (
            id bigserial PRIMARY KEY,
            model text NOT NULL,
            version int NOT NULL,
            data_id text NOT NULL,
            computed_at timestamptz NOT NULL DEFAULT now(),
            alerts int NOT NULL,
            warnings int NOT NULL,
            quality_issues int NOT NULL,
            analysis jsonb NOT NULL
        );
        CREATE INDEX IF NOT EXISTS drift_reports_latest ON monitoring.drift_reports (model, computed_at DESC);
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    public async Task<DriftReport> SaveAsync(string model, int version, string dataId, DriftAnalysis analysis, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO monitoring.drift_reports (model, version, data_id, alerts, warnings, quality_issues, analysis)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, computed_at
            """);
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(dataId);
        command.Parameters.AddWithValue(analysis.Features.Count(f => f.Level == DriftLevel.Alert));
        command.Parameters.AddWithValue(analysis.Features.Count(f => f.Level == DriftLevel.Warning));
        command.Parameters.AddWithValue(analysis.Quality.Count);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(analysis, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DriftReport(reader.GetInt64(0), model, version, dataId, reader.GetFieldValue<DateTime>(1), analysis);
    }

    /// <summary>Whether this version was already checked on this data.</summary>
    public async Task<bool> ExistsAsync(string model, int version, string dataId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT 1 FROM monitoring.drift_reports WHERE model = $1 AND version = $2 AND data_id = $3 LIMIT 1");
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(dataId);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>The newest report of a model, or of every model when <paramref name="model"/> is null.</summary>
    public async Task<IReadOnlyList<DriftReport>> LatestAsync(string? model, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT DISTINCT ON (model) id, model, version, data_id, computed_at, analysis::text
            FROM monitoring.drift_reports WHERE $1::text IS NULL OR model = $1
            ORDER BY model, computed_at DESC, id DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var result = new List<DriftReport>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new DriftReport(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTime>(4),
                JsonSerializer.Deserialize<DriftAnalysis>(reader.GetString(5), Json)!));
        return result;
    }
}
