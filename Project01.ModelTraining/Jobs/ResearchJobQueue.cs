using Npgsql;
using NpgsqlTypes;
using Project01.Postgres;

namespace Project01.ModelTraining.Jobs;

/// <summary>A research job someone asked for: a hyper-parameter search (<see cref="ResearchJobQueue.Tuning"/>) or a
/// portfolio comparison (<see cref="ResearchJobQueue.Portfolio"/>). <c>Request</c> and <c>Result</c> are JSON.</summary>
public sealed record ResearchJob(long Id, string Kind, string Request, string State, string RequestedBy, DateTime CreatedAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? Progress, string? Error, int Attempts, long? StudyId, string? Result);

/// <summary>
/// Research jobs queued in Postgres (<c>training.research_jobs</c>), claimed like training jobs: <c>FOR UPDATE SKIP
/// LOCKED</c> under a lease the worker renews, so a job whose worker died is claimed again, at most
/// <see cref="MaxAttempts"/> times before it is failed. Who asked is recorded with every job.
/// </summary>
public sealed class ResearchJobQueue(NpgsqlDataSource db)
{
    public const string Tuning = "tuning";
    public const string Portfolio = "portfolio";

    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS training;
        CREATE TABLE IF NOT EXISTS training.research_jobs (
            id bigserial PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('tuning', 'portfolio')),
            request jsonb NOT NULL,
            state text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
            requested_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            started_at timestamptz,
            finished_at timestamptz,
            progress text,
            error text,
            attempts integer NOT NULL DEFAULT 0,
            lease_until timestamptz,
            study_id bigint,
            result jsonb
        );
        CREATE INDEX IF NOT EXISTS research_jobs_kind ON training.research_jobs (kind, id DESC);
        """;

    public const int MaxAttempts = 3;

    private const string Columns = "id, kind, request::text, state, requested_by, created_at, started_at, finished_at, progress, error, attempts, study_id, result::text";

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    public async Task<ResearchJob> EnqueueAsync(string kind, string requestJson, string requestedBy, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"INSERT INTO training.research_jobs (kind, request, state, requested_by) VALUES ($1, $2, 'queued', $3) RETURNING {Columns}");
        command.Parameters.AddWithValue(kind);
        command.Parameters.Add(new NpgsqlParameter { Value = requestJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.AddWithValue(requestedBy);
        return (await ReadAsync(command, ct)).Single();
    }

    /// <summary>Claims the oldest queued job, or a running one whose lease ran out (its worker died); first fails abandoned
    /// jobs that already had <see cref="MaxAttempts"/> attempts.</summary>
    public async Task<ResearchJob?> ClaimNextAsync(TimeSpan lease, CancellationToken ct)
    {
        await using (var dead = db.CreateCommand("""
            UPDATE training.research_jobs SET state = 'failed', finished_at = now(), lease_until = NULL,
                error = format('its worker stopped while running it %s times; not retried again', attempts)
            WHERE state = 'running' AND lease_until < now() AND attempts >= $1
            """))
        {
            dead.Parameters.AddWithValue(MaxAttempts);
            await dead.ExecuteNonQueryAsync(ct);
        }
        await using var command = db.CreateCommand($"""
            UPDATE training.research_jobs SET state = 'running', started_at = now(), attempts = attempts + 1, lease_until = now() + $1
            WHERE id = (SELECT id FROM training.research_jobs WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
                        ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(lease);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    public async Task<bool> RenewLeaseAsync(long id, int attempt, TimeSpan lease, CancellationToken ct)
    {
        await using var command = db.CreateCommand("UPDATE training.research_jobs SET lease_until = now() + $3 WHERE id = $1 AND attempts = $2 AND state = 'running'");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(attempt);
        command.Parameters.AddWithValue(lease);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Hands a running job back to the queue (its worker is shutting down cleanly; the attempt does not count).</summary>
    public Task ReleaseAsync(long id, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.research_jobs SET state = 'queued', lease_until = NULL, attempts = attempts - 1, progress = 'released: its worker shut down' WHERE id = $1 AND state = 'running'", ct, id);

    public Task ReportProgressAsync(long id, string progress, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.research_jobs SET progress = $2 WHERE id = $1", ct, id, progress);

    /// <summary>Links a tuning job to the registry study its trials are recorded in.</summary>
    public Task SetStudyAsync(long id, long studyId, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.research_jobs SET study_id = $2 WHERE id = $1", ct, id, studyId);

    public async Task SucceedAsync(long id, string? resultJson, CancellationToken ct)
    {
        await using var command = db.CreateCommand("UPDATE training.research_jobs SET state = 'succeeded', finished_at = now(), progress = 'done', lease_until = NULL, result = $2 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)resultJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task FailAsync(long id, string error, CancellationToken ct) =>
        ExecuteAsync("UPDATE training.research_jobs SET state = 'failed', finished_at = now(), error = $2, lease_until = NULL WHERE id = $1", ct, id, error);

    /// <summary>Jobs of one kind, newest first.</summary>
    public async Task<IReadOnlyList<ResearchJob>> ListAsync(string kind, int limit, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM training.research_jobs WHERE kind = $1 ORDER BY id DESC LIMIT $2");
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, ct);
    }

    public async Task<ResearchJob?> GetAsync(string kind, long id, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM training.research_jobs WHERE kind = $1 AND id = $2");
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var v in values) command.Parameters.AddWithValue(v);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<ResearchJob>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<ResearchJob>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new ResearchJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTime>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTime>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTime>(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetInt64(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        return result;
    }
}
