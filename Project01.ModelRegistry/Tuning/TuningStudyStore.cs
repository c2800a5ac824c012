using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Project01.Postgres;

namespace Project01.ModelRegistry.Tuning;

/// <summary>
/// Hyper-parameter studies in the registry's Postgres (<c>registry.tuning_studies</c>, <c>registry.tuning_trials</c>):
/// every trial with its parameters, state and score, written as it finishes, so an interrupted study keeps what it ran.
/// </summary>
public sealed class TuningStudyStore(NpgsqlDataSource db)
{
    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS registry;
        CREATE TABLE IF NOT EXISTS registry.tuning_studies (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            model text NOT NULL,
            target text NOT NULL,
            dataset text NOT NULL,
            sampler text NOT NULL,
            seed int NOT NULL,
            trials int NOT NULL,
            folds int NOT NULL,
            loss text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            best_trial int
        );
        CREATE TABLE IF NOT EXISTS registry.tuning_trials (
            study_id bigint NOT NULL REFERENCES registry.tuning_studies (id),
            number int NOT NULL,
            state text NOT NULL,
            parameters jsonb NOT NULL,
            score double precision,
            fold_losses double precision[] NOT NULL,
            started_at timestamptz NOT NULL,
            finished_at timestamptz NOT NULL,
            PRIMARY KEY (study_id, number)
        );
        """;

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    public async Task<TuningStudy> CreateStudyAsync(TuningStudyDraft draft, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO registry.tuning_studies (model, target, dataset, sampler, seed, trials, folds, loss)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """);
        foreach (var value in new object[] { draft.Model, draft.Target, draft.Dataset, draft.Sampler, draft.Seed, draft.Trials, draft.Folds, draft.Loss })
            command.Parameters.AddWithValue(value);
        var id = (long)(await command.ExecuteScalarAsync(ct))!;
        return (await GetStudyAsync(id, ct))!;
    }

    /// <summary>Records a finished trial; recording the same trial number again keeps the first record.</summary>
    public async Task SaveTrialAsync(long studyId, TuningTrial trial, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO registry.tuning_trials (study_id, number, state, parameters, score, fold_losses, started_at, finished_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (study_id, number) DO NOTHING
            """);
        command.Parameters.AddWithValue(studyId);
        command.Parameters.AddWithValue(trial.Number);
        command.Parameters.AddWithValue(trial.State);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(trial.Parameters), NpgsqlDbType = NpgsqlDbType.Jsonb });
        // An undefined score is NULL, not NaN or infinity: it sorts and averages as "no score".
        command.Parameters.Add(new NpgsqlParameter { Value = trial.Score is { } s && double.IsFinite(s) ? s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.AddWithValue(trial.FoldLosses.ToArray());
        command.Parameters.AddWithValue(trial.StartedAt);
        command.Parameters.AddWithValue(trial.FinishedAt);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task FinishStudyAsync(long studyId, int bestTrial, CancellationToken ct)
    {
        await using var command = db.CreateCommand("UPDATE registry.tuning_studies SET finished_at = now(), best_trial = $2 WHERE id = $1");
        command.Parameters.AddWithValue(studyId);
        command.Parameters.AddWithValue(bestTrial);
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new KeyNotFoundException($"no tuning study {studyId}");
    }

    public async Task<TuningStudy?> GetStudyAsync(long studyId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT id, model, target, dataset, sampler, seed, trials, folds, loss, created_at, finished_at, best_trial
            FROM registry.tuning_studies WHERE id = $1
            """);
        command.Parameters.AddWithValue(studyId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new TuningStudy(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
            reader.GetInt32(6), reader.GetInt32(7), reader.GetString(8), reader.GetDateTime(9),
            reader.IsDBNull(10) ? null : reader.GetDateTime(10), reader.IsDBNull(11) ? null : reader.GetInt32(11));
    }

    /// <summary>A study's trials in number order.</summary>
    public async Task<IReadOnlyList<TuningTrial>> ListTrialsAsync(long studyId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT number, state, parameters::text, score, fold_losses, started_at, finished_at
            FROM registry.tuning_trials WHERE study_id = $1 ORDER BY number
            """);
        command.Parameters.AddWithValue(studyId);
        var trials = new List<TuningTrial>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            trials.Add(new TuningTrial(reader.GetInt32(0), reader.GetString(1), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!,
                reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.GetFieldValue<double[]>(4), reader.GetDateTime(5), reader.GetDateTime(6)));
        return trials;
    }
}
