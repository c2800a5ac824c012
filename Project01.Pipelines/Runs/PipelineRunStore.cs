using Npgsql;
using Project01.Pipelines.Definitions;
using Project01.Postgres;

namespace Project01.Pipelines.Runs;

/// <summary>
/// Run history in Postgres: one row per run, per step of a run (state, attempts, times, output, error) and per alert.
/// Every state change is one conditional UPDATE, so two scheduler nodes that race for a step both read the truth.
/// A pipeline has at most one run going at a time (a partial unique index).
/// </summary>
public sealed class PipelineRunStore(NpgsqlDataSource db)
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS pipelines;
        CREATE TABLE IF NOT EXISTS pipelines.runs (
            id bigserial PRIMARY KEY,
            pipeline text NOT NULL,
            trigger text NOT NULL,
            requested_by text NOT NULL,
            state text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz
        );
        CREATE UNIQUE INDEX IF NOT EXISTS runs_one_active ON pipelines.runs (pipeline) WHERE state = 'running';
        CREATE TABLE IF NOT EXISTS pipelines.steps (
            run_id bigint NOT NULL REFERENCES pipelines.runs (id),
            step text NOT NULL,
            position int NOT NULL,
            state text NOT NULL,
            attempts int NOT NULL DEFAULT 0,
            started_at timestamptz,
            finished_at timestamptz,
            heartbeat_at timestamptz,
            next_attempt_at timestamptz,
            output text,
            error text,
            PRIMARY KEY (run_id, step)
        );
        CREATE TABLE IF NOT EXISTS pipelines.alerts (
            id bigserial PRIMARY KEY,
            run_id bigint NOT NULL REFERENCES pipelines.runs (id),
            step text NOT NULL,
            kind text NOT NULL,
            message text NOT NULL,
            at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (run_id, step, kind)
        );
        """;

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    /// <summary>A new run with every step pending, or null while another run of the pipeline is going.</summary>
    public async Task<PipelineRun?> CreateRunAsync(PipelineDefinition pipeline, string trigger, string requestedBy, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        long id;
        try
        {
            await using var insert = new NpgsqlCommand("INSERT INTO pipelines.runs (pipeline, trigger, requested_by, state) VALUES ($1, $2, $3, 'running') RETURNING id", connection, tx);
            insert.Parameters.AddWithValue(pipeline.Name);
            insert.Parameters.AddWithValue(trigger);
            insert.Parameters.AddWithValue(requestedBy);
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
        for (var i = 0; i < pipeline.Order.Count; i++)
        {
            await using var step = new NpgsqlCommand("INSERT INTO pipelines.steps (run_id, step, position, state) VALUES ($1, $2, $3, 'pending')", connection, tx);
            step.Parameters.AddWithValue(id);
            step.Parameters.AddWithValue(pipeline.Order[i].Name);
            step.Parameters.AddWithValue(i);
            await step.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return await GetRunAsync(id, ct);
    }

    /// <summary>Claims a pending step for scheduling; false when another node did already.</summary>
    public Task<bool> TryScheduleStepAsync(long runId, string step, CancellationToken ct) =>
        ChangedAsync("UPDATE pipelines.steps SET state = 'scheduled' WHERE run_id = $1 AND step = $2 AND state = 'pending'", ct, runId, step);

    /// <summary>
    /// Starts an attempt: the step must be scheduled or retrying, or running with a heartbeat older than
    /// <paramref name="staleBefore"/> (its node died), in a run still going. Returns the attempt number, or null when the
    /// step is someone else's or done (a duplicate firing).
    /// </summary>
    public async Task<int?> TryStartStepAsync(long runId, string step, DateTime staleBefore, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE pipelines.steps s SET state = 'running', attempts = s.attempts + 1, started_at = COALESCE(s.started_at, now()),
                heartbeat_at = now(), next_attempt_at = NULL
            FROM pipelines.runs r
            WHERE s.run_id = $1 AND s.step = $2 AND r.id = s.run_id AND r.state = 'running'
              AND (s.state IN ('scheduled', 'retrying') OR (s.state = 'running' AND s.heartbeat_at < $3))
            RETURNING s.attempts
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(step);
        command.Parameters.AddWithValue(staleBefore);
        return await command.ExecuteScalarAsync(ct) is int attempts ? attempts : null;
    }

    public Task HeartbeatAsync(long runId, string step, CancellationToken ct) =>
        ChangedAsync("UPDATE pipelines.steps SET heartbeat_at = now() WHERE run_id = $1 AND step = $2 AND state = 'running'", ct, runId, step);

    public Task SucceedStepAsync(long runId, string step, string output, CancellationToken ct) =>
        ChangedAsync("UPDATE pipelines.steps SET state = 'succeeded', finished_at = now(), output = $3, error = NULL WHERE run_id = $1 AND step = $2", ct, runId, step, output);

    public Task RetryStepAsync(long runId, string step, string error, DateTime nextAttemptAt, CancellationToken ct) =>
        ChangedAsync("UPDATE pipelines.steps SET state = 'retrying', error = $3, next_attempt_at = $4 WHERE run_id = $1 AND step = $2", ct, runId, step, error, nextAttemptAt);

    public Task FailStepAsync(long runId, string step, string error, CancellationToken ct) =>
        ChangedAsync("UPDATE pipelines.steps SET state = 'failed', finished_at = now(), error = $3 WHERE run_id = $1 AND step = $2", ct, runId, step, error);

    /// <summary>Steps that cannot run because something they depend on failed.</summary>
    public Task SkipAsync(long runId, IEnumerable<string> steps, string reason, CancellationToken ct) =>
        ChangedAsync("UPDATE pipelines.steps SET state = 'skipped', finished_at = now(), error = $3 WHERE run_id = $1 AND step = ANY($2) AND state = 'pending'",
            ct, runId, steps.ToArray(), reason);

    /// <summary>Ends the run once no step can move any more: failed if any step failed, else succeeded. Returns the
    /// finished run, or null while it is still going (or was finished before).</summary>
    public async Task<PipelineRun?> FinishIfDoneAsync(long runId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE pipelines.runs r SET finished_at = now(),
                state = CASE WHEN EXISTS (SELECT 1 FROM pipelines.steps s WHERE s.run_id = r.id AND s.state IN ('failed', 'skipped')) THEN 'failed' ELSE 'succeeded' END
            WHERE r.id = $1 AND r.state = 'running'
              AND NOT EXISTS (SELECT 1 FROM pipelines.steps s WHERE s.run_id = r.id AND s.state IN ('pending', 'scheduled', 'running', 'retrying'))
            RETURNING r.id
            """);
        command.Parameters.AddWithValue(runId);
        return await command.ExecuteScalarAsync(ct) is long ? await GetRunAsync(runId, ct) : null;
    }

    /// <summary>Records an alert once per run, step and kind; true when it is new.</summary>
    public Task<bool> AddAlertAsync(long runId, string step, string kind, string message, CancellationToken ct) =>
        ChangedAsync("INSERT INTO pipelines.alerts (run_id, step, kind, message) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", ct, runId, step, kind, message);

    /// <summary>Steps marked running whose node stopped sending heartbeats.</summary>
    public async Task<IReadOnlyList<(long RunId, string Pipeline, string Step, int Attempts)>> StalledStepsAsync(DateTime staleBefore, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT s.run_id, r.pipeline, s.step, s.attempts FROM pipelines.steps s JOIN pipelines.runs r ON r.id = s.run_id
            WHERE r.state = 'running' AND s.state = 'running' AND s.heartbeat_at < $1 ORDER BY s.run_id, s.position
            """);
        command.Parameters.AddWithValue(staleBefore);
        var result = new List<(long, string, string, int)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return result;
    }

    public async Task<PipelineRun?> GetRunAsync(long id, CancellationToken ct) =>
        (await ReadRunsAsync("WHERE id = $1", ct, id)).SingleOrDefault();

    /// <summary>Newest first; <paramref name="pipeline"/> null for all; <paramref name="state"/> null for any.</summary>
    public Task<IReadOnlyList<PipelineRun>> ListRunsAsync(string? pipeline, string? state, int limit, CancellationToken ct) =>
        ReadRunsAsync("WHERE ($1::text IS NULL OR pipeline = $1) AND ($2::text IS NULL OR state = $2) ORDER BY id DESC LIMIT $3", ct,
            (object?)pipeline ?? DBNull.Value, (object?)state ?? DBNull.Value, limit);

    public async Task<IReadOnlyList<PipelineAlert>> ListAlertsAsync(int limit, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT a.id, a.run_id, r.pipeline, a.step, a.kind, a.message, a.at FROM pipelines.alerts a JOIN pipelines.runs r ON r.id = a.run_id
            ORDER BY a.id DESC LIMIT $1
            """);
        command.Parameters.AddWithValue(limit);
        var alerts = new List<PipelineAlert>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) alerts.Add(ReadAlert(reader));
        return alerts;
    }

    private async Task<IReadOnlyList<PipelineRun>> ReadRunsAsync(string where, CancellationToken ct, params object[] parameters)
    {
        var runs = new List<(long Id, string Pipeline, string Trigger, string By, string State, DateTime Created, DateTime? Finished)>();
        await using (var command = db.CreateCommand($"SELECT id, pipeline, trigger, requested_by, state, created_at, finished_at FROM pipelines.runs {where}"))
        {
            foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                runs.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetDateTime(5),
                    reader.IsDBNull(6) ? null : reader.GetDateTime(6)));
        }
        if (runs.Count == 0) return [];
        var ids = runs.Select(r => r.Id).ToArray();
        var steps = new Dictionary<long, List<StepRun>>();
        await using (var command = db.CreateCommand("""
            SELECT run_id, step, position, state, attempts, started_at, finished_at, next_attempt_at, output, error
            FROM pipelines.steps WHERE run_id = ANY($1) ORDER BY run_id, position
            """))
        {
            command.Parameters.AddWithValue(ids);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!steps.TryGetValue(reader.GetInt64(0), out var list)) steps[reader.GetInt64(0)] = list = [];
                list.Add(new StepRun(reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), Nullable(reader, 5), Nullable(reader, 6),
                    Nullable(reader, 7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }
        var alerts = new Dictionary<long, List<PipelineAlert>>();
        await using (var command = db.CreateCommand("""
            SELECT a.id, a.run_id, r.pipeline, a.step, a.kind, a.message, a.at FROM pipelines.alerts a JOIN pipelines.runs r ON r.id = a.run_id
            WHERE a.run_id = ANY($1) ORDER BY a.id
            """))
        {
            command.Parameters.AddWithValue(ids);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var alert = ReadAlert(reader);
                if (!alerts.TryGetValue(alert.RunId, out var list)) alerts[alert.RunId] = list = [];
                list.Add(alert);
            }
        }
        return [.. runs.Select(r => new PipelineRun(r.Id, r.Pipeline, r.Trigger, r.By, r.State, r.Created, r.Finished,
            steps.GetValueOrDefault(r.Id) ?? [], alerts.GetValueOrDefault(r.Id) ?? []))];
    }

    private static PipelineAlert ReadAlert(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetDateTime(6));

    private static DateTime? Nullable(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDateTime(i);

    private async Task<bool> ChangedAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }
}
