using Npgsql;
using NpgsqlTypes;
using Project01.Postgres;

namespace Project01.ModelTraining.Jobs;

public sealed record TrainingJob(long Id, string Model, string Target, string State, string Reason, string? DatasetId, DateTime CreatedAt,
    DateTime? StartedAt, DateTime? FinishedAt, int? ModelVersion, string? Error, string? Progress, int Attempts = 0, string? RequestedBy = null);

/// <summary>
/// Training jobs queued in Postgres. Workers claim with <c>FOR UPDATE SKIP LOCKED</c>, so several can share the queue,
/// and hold a job by a lease they renew while it runs: a job whose worker died (its lease ran out) is claimed again by
/// any worker, and after <see cref="MaxAttempts"/> such deaths it is dead-lettered (<c>dead</c>) instead of killing
/// workers forever. At most one queued-or-running job exists per model and dataset (a retrigger of the same data is a
/// no-op), and at most one manual job per model and target (a second request is refused, not trained again).
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
        ALTER TABLE training.jobs ADD COLUMN IF NOT EXISTS manual boolean NOT NULL DEFAULT false;
        ALTER TABLE training.jobs ADD COLUMN IF NOT EXISTS requested_by text;
        ALTER TABLE training.jobs ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;
        ALTER TABLE training.jobs ADD COLUMN IF NOT EXISTS lease_until timestamptz;
        ALTER TABLE training.jobs DROP CONSTRAINT IF EXISTS jobs_state_check;
        ALTER TABLE training.jobs ADD CONSTRAINT jobs_state_check CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead'));
        CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_active_manual ON training.jobs (model, target) WHERE manual AND state IN ('queued', 'running');
        """;

    /// <summary>How many times a job may lose its worker (lease ran out) before it is dead-lettered.</summary>
    public const int MaxAttempts = 3;

    private const string Columns = "id, model, target, state, reason, dataset_id, created_at, started_at, finished_at, model_version, error, progress, attempts, requested_by";

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    /// <summary>Queues a job; returns null when one for the same model and dataset is already queued or running.</summary>
    public Task<TrainingJob?> EnqueueAsync(string model, string target, string reason, string? datasetId, CancellationToken ct) =>
        InsertAsync(model, target, reason, datasetId, manual: false, requestedBy: null, ct);

    /// <summary>Queues a job someone asked for; returns null when a manual job for the same model and target is already
    /// queued or running (training the same thing twice at once would only waste the worker).</summary>
    public Task<TrainingJob?> EnqueueManualAsync(string model, string target, string reason, string requestedBy, CancellationToken ct) =>
        InsertAsync(model, target, reason, $"manual-{Guid.NewGuid():N}", manual: true, requestedBy, ct);

    private async Task<TrainingJob?> InsertAsync(string model, string target, string reason, string? datasetId, bool manual, string? requestedBy, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            INSERT INTO training.jobs (model, target, state, reason, dataset_id, manual, requested_by) VALUES ($1, $2, 'queued', $3, $4, $5, $6)
            ON CONFLICT DO NOTHING RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(target);
        command.Parameters.AddWithValue(reason);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)datasetId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(manual);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)requestedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
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

    /// <summary>The newest job ever queued for this model and dataset, or null.</summary>
    public async Task<TrainingJob?> FindForDatasetAsync(string model, string datasetId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM training.jobs WHERE model = $1 AND dataset_id = $2 ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue(model);
        command.Parameters.AddWithValue(datasetId);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>
    /// Claims the oldest job that is queued, or running under a lease that ran out (its worker died), for
    /// <paramref name="lease"/>; first dead-letters abandoned jobs that already had <see cref="MaxAttempts"/> attempts.
    /// </summary>
    public async Task<TrainingJob?> ClaimNextAsync(TimeSpan lease, CancellationToken ct)
    {
        await using (var dead = db.CreateCommand("""
            UPDATE training.jobs SET state = 'dead', finished_at = now(), lease_until = NULL,
                error = format('its worker stopped while running it %s times; not retried again', attempts)
            WHERE state = 'running' AND lease_until < now() AND attempts >= $1
            """))
        {
            dead.Parameters.AddWithValue(MaxAttempts);
            await dead.ExecuteNonQueryAsync(ct);
        }
        await using var command = db.CreateCommand($"""
            UPDATE training.jobs SET state = 'running', started_at = now(), attempts = attempts + 1, lease_until = now() + $1,
                progress = CASE WHEN state = 'running' THEN 'claimed again: the previous worker stopped' ELSE progress END
            WHERE id = (SELECT id FROM training.jobs WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
                        ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(lease);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>Extends a running job's lease; false when the job is no longer this worker's (another claimed it).</summary>
    public async Task<bool> RenewLeaseAsync(long id, int attempt, TimeSpan lease, CancellationToken ct)
    {
        await using var command = db.CreateCommand("UPDATE training.jobs SET lease_until = now() + $3 WHERE id = $1 AND attempts = $2 AND state = 'running'");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(attempt);
        command.Parameters.AddWithValue(lease);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Hands a running job back to the queue (its worker is shutting down cleanly; the attempt does not count).</summary>
    public Task ReleaseAsync(long id, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET state = 'queued', lease_until = NULL, attempts = attempts - 1, progress = 'released: its worker shut down' WHERE id = $1 AND state = 'running'", ct, id);

    public Task ReportProgressAsync(long id, string progress, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET progress = $2 WHERE id = $1", ct, id, progress);

    public Task SucceedAsync(long id, int modelVersion, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET state = 'succeeded', finished_at = now(), model_version = $2, progress = 'done', lease_until = NULL WHERE id = $1", ct, id, modelVersion);

    public Task FailAsync(long id, string error, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.jobs SET state = 'failed', finished_at = now(), error = $2, lease_until = NULL WHERE id = $1", ct, id, error);

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
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetInt32(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        return result;
    }
}
