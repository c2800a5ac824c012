using Npgsql;
using NpgsqlTypes;
using Project01.Postgres;

namespace Project01.ModelTraining.Jobs;

public sealed record TrainingJob(long Id, string Model, string Target, string State, string Reason, string? DatasetId, DateTime CreatedAt,
    DateTime? StartedAt, DateTime? FinishedAt, int? ModelVersion, string? Error, string? Progress);

/// <summary>
/// Training jobs queued in Postgres. Workers claim with <c>FOR UPDATE SKIP LOCKED</c>, so several can share the queue;
/// at most one queued-or-running job exists per model and dataset, so a retrigger of the same data is a no-op.
/// </summary>
public sealed class TrainingJobQueue(NpgsqlDataSource db)
{
    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS training;
        CREATE TABLE IF NOT EXISTS training.jobs (
            id bigserial PRIMARY KEY,
            model text NOT NULL,
            target text NOT NULL,
            state text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
            reason text NOT NULL,
            dataset_id text,
            created_at timestamptz NOT NULL DEFAULT now(),
            started_at timestamptz,
            finished_at timestamptz,
            model_version int,
            error text,
            progress text
        );
        CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_active_per_dataset ON training.jobs (model, dataset_id) WHERE state IN ('queued', 'running');
        """;

    private const string Columns = "id, model, target, state, reason, dataset_id, created_at, started_at, finished_at, model_version, error, progress";

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    /// <summary>Queues a job; returns null when one for the same model and dataset is already queued or running.</summary>
    public async Task<TrainingJob?> EnqueueAsync(string model, string target, string reason, string? datasetId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            INSERT INTO training.jobs (model, target, state, reason, dataset_id) VALUES ($1, $2, 'queued', $3, $4)
            ON CONFLICT DO NOTHING RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(target);
        command.Parameters.AddWithValue(reason);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)datasetId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>Whether any job (in any state, failed included) was ever queued for this model and dataset.</summary>
    public async Task<bool> ExistsForDatasetAsync(string model, string datasetId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM training.jobs WHERE model = $1 AND dataset_id = $2)");
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(datasetId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<TrainingJob?> ClaimNextAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            UPDATE training.jobs SET state = 'running', started_at = now()
            WHERE id = (SELECT id FROM training.jobs WHERE state = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING {Columns}
            """);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>Jobs left running by a worker that died are queued again (training is idempotent by dataset).</summary>
    public async Task<int> RequeueAbandonedAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("UPDATE training.jobs SET state = 'queued', started_at = NULL, progress = 'requeued after a worker restart' WHERE state = 'running'");
        return await command.ExecuteNonQueryAsync(ct);
    }

    public Task ReportProgressAsync(long id, string progress, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET progress = $2 WHERE id = $1", ct, id, progress);

    public Task SucceedAsync(long id, int modelVersion, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET state = 'succeeded', finished_at = now(), model_version = $2, progress = 'done' WHERE id = $1", ct, id, modelVersion);

    public Task FailAsync(long id, string error, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET state = 'failed', finished_at = now(), error = $2 WHERE id = $1", ct, id, error);

    public async Task<IReadOnlyList<TrainingJob>> ListAsync(int limit, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM training.jobs ORDER BY id DESC LIMIT $1");
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, ct);
    }

    public async Task<TrainingJob?> GetAsync(long id, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM training.jobs WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var v in values) command.Parameters.AddWithValue(v);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<TrainingJob>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<TrainingJob>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new TrainingJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTime>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTime>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTime>(8),
                reader.IsDBNull(9) ? null : reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        return result;
    }
}
