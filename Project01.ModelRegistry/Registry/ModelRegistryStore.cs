using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Project01.ModelRegistry.Artifacts;
using Project01.Postgres;

namespace Project01.ModelRegistry.Registry;

/// <summary>
/// The model registry in Postgres (schema <c>registry</c>): versions numbered per model name, aliases pointing at
/// versions, and an append-only history of every alias move (who, when, from, to, why), so a rollback is one more
/// event, never an erasure.
/// </summary>
public sealed class ModelRegistryStore(NpgsqlDataSource db, ModelArtifacts artifacts)
{
    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS registry;
        CREATE TABLE IF NOT EXISTS registry.model_versions (
            name text NOT NULL,
            version int NOT NULL,
            target text NOT NULL,
            algorithm text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            inputs text[] NOT NULL,
            metrics jsonb NOT NULL,
            parameters jsonb NOT NULL,
            dataset_id text NOT NULL,
            artifact_path text NOT NULL,
            onnx_sha256 text NOT NULL,
            interval_lower double precision,
            interval_upper double precision,
            interval_coverage double precision,
            PRIMARY KEY (name, version)
        );
        -- Permutation importances (input → test RMSE increase); added after the first release, hence ALTER.
        ALTER TABLE registry.model_versions ADD COLUMN IF NOT EXISTS importances jsonb NOT NULL DEFAULT '{}';
        CREATE TABLE IF NOT EXISTS registry.aliases (
            name text NOT NULL,
            alias text NOT NULL,
            version int NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (name, alias),
            FOREIGN KEY (name, version) REFERENCES registry.model_versions (name, version)
        );
        CREATE TABLE IF NOT EXISTS registry.alias_history (
            id bigserial PRIMARY KEY,
            name text NOT NULL,
            alias text NOT NULL,
            version int NOT NULL,
            previous_version int,
            at timestamptz NOT NULL DEFAULT now(),
            changed_by text NOT NULL,
            reason text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS registry.predictions (
            name text NOT NULL,
            version int NOT NULL,
            symbol text NOT NULL,
            feature_time timestamptz NOT NULL,
            target_time timestamptz NOT NULL,
            predicted double precision NOT NULL,
            actual double precision,
            split text NOT NULL,
            PRIMARY KEY (name, version, symbol, feature_time)
        );
        -- The calibrated 80 % and 90 % intervals each test forecast would have been served (absolute bounds), so realised
        -- coverage can be measured; added after the first release, hence ALTER (older versions have none).
        ALTER TABLE registry.predictions ADD COLUMN IF NOT EXISTS lower80 double precision, ADD COLUMN IF NOT EXISTS upper80 double precision,
            ADD COLUMN IF NOT EXISTS lower90 double precision, ADD COLUMN IF NOT EXISTS upper90 double precision;
        """;

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    /// <summary>Stores the ONNX artifact and registers it as the model's next version.</summary>
    public async Task<ModelVersion> RegisterAsync(ModelVersionDraft draft, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Serialise version numbering per model name.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('registry:' || $1))", connection, tx))
        {
            lockCommand.Parameters.AddWithValue(draft.Name);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        int version;
        await using (var next = new NpgsqlCommand("SELECT coalesce(max(version), 0) + 1 FROM registry.model_versions WHERE name = $1", connection, tx))
        {
            next.Parameters.AddWithValue(draft.Name);
            version = (int)(await next.ExecuteScalarAsync(ct))!;
        }
        var path = await artifacts.WriteAsync(draft.Name, version, draft.Onnx, ct);
        var sha = ModelArtifacts.Sha256(draft.Onnx);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO registry.model_versions (name, version, target, algorithm, inputs, metrics, parameters, dataset_id, artifact_path,
                onnx_sha256, interval_lower, interval_upper, interval_coverage, importances)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, connection, tx))
        {
            insert.Parameters.AddWithValue(draft.Name);
            insert.Parameters.AddWithValue(version);
            insert.Parameters.AddWithValue(draft.Target);
            insert.Parameters.AddWithValue(draft.Algorithm);
            insert.Parameters.AddWithValue(draft.Inputs.ToArray());
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(Finite(draft.Metrics)), NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(draft.Parameters), NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.AddWithValue(draft.DatasetId);
            insert.Parameters.AddWithValue(path);
            insert.Parameters.AddWithValue(sha);
            insert.Parameters.AddWithValue((object?)draft.IntervalLower ?? DBNull.Value);
            insert.Parameters.AddWithValue((object?)draft.IntervalUpper ?? DBNull.Value);
            insert.Parameters.AddWithValue((object?)draft.IntervalCoverage ?? DBNull.Value);
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(Finite(draft.Importances ?? new Dictionary<string, double>())), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (await GetVersionAsync(draft.Name, version, ct))!;
    }

    // JSON has no NaN: undefined metrics are left out rather than invented.
    private static Dictionary<string, double> Finite(IReadOnlyDictionary<string, double> metrics) =>
        metrics.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);

    private const string SelectVersion = """
        SELECT v.name, v.version, v.target, v.algorithm, v.created_at, v.inputs, v.metrics::text, v.parameters::text, v.dataset_id,
               v.artifact_path, v.onnx_sha256, v.interval_lower, v.interval_upper, v.interval_coverage, v.importances::text
        FROM registry.model_versions v
        """;

    public async Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken ct)
    {
        await using var command = db.CreateCommand(SelectVersion + " WHERE v.name = $1 AND v.version = $2");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(version);
        return (await ReadVersionsAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>A version's ONNX model, checked against the hash it was registered with.</summary>
    public Task<byte[]> ReadOnnxAsync(ModelVersion version, CancellationToken ct) => artifacts.ReadAsync(version.ArtifactPath, version.OnnxSha256, ct);

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string? name, CancellationToken ct)
    {
        await using var command = db.CreateCommand(SelectVersion + " WHERE $1::text IS NULL OR v.name = $1 ORDER BY v.name, v.version DESC");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadVersionsAsync(command, ct);
    }

    public async Task<ModelVersion?> GetByAliasAsync(string name, string alias, CancellationToken ct)
    {
        await using var command = db.CreateCommand(SelectVersion
            + " JOIN registry.aliases a ON a.name = v.name AND a.version = v.version WHERE a.name = $1 AND a.alias = $2");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(alias);
        return (await ReadVersionsAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>Alias → version for one model.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string name, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT alias, version FROM registry.aliases WHERE name = $1");
        command.Parameters.AddWithValue(name);
        var result = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetInt32(1);
        return result;
    }

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/> and records the move.</summary>
    public async Task<AliasEvent> SetAliasAsync(string name, string alias, int version, string by, string reason, CancellationToken ct)
    {
        if (!Aliases.IsValid(alias)) throw new ArgumentException($"'{alias}' is not a valid alias (lower-case letters, digits, '-')");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("a reason is required for every alias change");
        if (reason.Length > 1_000) throw new ArgumentException($"a reason is at most 1000 characters (this one has {reason.Length})");
        if (string.IsNullOrWhiteSpace(by) || by.Length > 100) throw new ArgumentException("who made the change must be named, in at most 100 characters");
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        int? previous;
        await using (var current = new NpgsqlCommand("SELECT version FROM registry.aliases WHERE name = $1 AND alias = $2 FOR UPDATE", connection, tx))
        {
            current.Parameters.AddWithValue(name);
            current.Parameters.AddWithValue(alias);
            previous = (int?)await current.ExecuteScalarAsync(ct);
        }
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM registry.model_versions WHERE name = $1 AND version = $2", connection, tx))
        {
            exists.Parameters.AddWithValue(name);
            exists.Parameters.AddWithValue(version);
            if (await exists.ExecuteScalarAsync(ct) is null) throw new KeyNotFoundException($"model {name} has no version {version}");
        }
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO registry.aliases (name, alias, version, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (name, alias) DO UPDATE SET version = EXCLUDED.version, updated_at = now()
            """, connection, tx))
        {
            upsert.Parameters.AddWithValue(name);
            upsert.Parameters.AddWithValue(alias);
            upsert.Parameters.AddWithValue(version);
            await upsert.ExecuteNonQueryAsync(ct);
        }
        DateTime at;
        await using (var history = new NpgsqlCommand("""
            INSERT INTO registry.alias_history (name, alias, version, previous_version, changed_by, reason) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING at
            """, connection, tx))
        {
            history.Parameters.AddWithValue(name);
            history.Parameters.AddWithValue(alias);
            history.Parameters.AddWithValue(version);
            history.Parameters.AddWithValue((object?)previous ?? DBNull.Value);
            history.Parameters.AddWithValue(by);
            history.Parameters.AddWithValue(reason);
            at = (DateTime)(await history.ExecuteScalarAsync(ct))!;
        }
        await tx.CommitAsync(ct);
        return new AliasEvent(name, alias, version, previous, at, by, reason);
    }

    /// <summary>Moves an alias back to the version it pointed at before its latest move.</summary>
    public async Task<AliasEvent> RollbackAsync(string name, string alias, string by, string reason, CancellationToken ct)
    {
        var history = await GetAliasHistoryAsync(name, ct);
        var latest = history.FirstOrDefault(h => h.Alias == alias) ?? throw new KeyNotFoundException($"{name} has never had alias '{alias}'");
        if (latest.PreviousVersion is not { } previous)
            throw new InvalidOperationException($"{name}@{alias} has no earlier version to roll back to (it was first set to v{latest.Version})");
        return await SetAliasAsync(name, alias, previous, by, $"rollback: {reason}", ct);
    }

    /// <summary>Every alias move of a model, newest first.</summary>
    public async Task<IReadOnlyList<AliasEvent>> GetAliasHistoryAsync(string name, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT name, alias, version, previous_version, at, changed_by, reason FROM registry.alias_history
            WHERE name = $1 ORDER BY id DESC
            """);
        command.Parameters.AddWithValue(name);
        var result = new List<AliasEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new AliasEvent(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetFieldValue<DateTime>(4), reader.GetString(5), reader.GetString(6)));
        return result;
    }

    public async Task SavePredictionsAsync(string name, int version, IEnumerable<StoredPrediction> predictions, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY registry.predictions (name, version, symbol, feature_time, target_time, predicted, actual, split, lower80, upper80, lower90, upper90) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in predictions)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(name, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(version, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(p.Symbol, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(p.FeatureTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(p.TargetTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(p.Predicted, NpgsqlDbType.Double, ct);
            if (p.Actual is { } a) await copy.WriteAsync(a, NpgsqlDbType.Double, ct);
            else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(p.Split, NpgsqlDbType.Text, ct);
            foreach (var bound in new[] { p.Interval80?.Lower, p.Interval80?.Upper, p.Interval90?.Lower, p.Interval90?.Upper })
                if (bound is { } b) await copy.WriteAsync(b, NpgsqlDbType.Double, ct);
                else await copy.WriteNullAsync(ct);
        }
        await copy.CompleteAsync(ct);
    }

    public async Task<IReadOnlyList<StoredPrediction>> GetPredictionsAsync(string name, int version, string symbol, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT {PredictionColumns} FROM registry.predictions
            WHERE name = $1 AND version = $2 AND symbol = $3 ORDER BY feature_time
            """);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(symbol);
        return await ReadPredictionsAsync(command, ct);
    }

    /// <summary>Every stored prediction of a version, all symbols, in time order.</summary>
    public async Task<IReadOnlyList<StoredPrediction>> GetPredictionsAsync(string name, int version, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT {PredictionColumns} FROM registry.predictions
            WHERE name = $1 AND version = $2 ORDER BY feature_time, symbol
            """);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(version);
        return await ReadPredictionsAsync(command, ct);
    }

    private const string PredictionColumns = "symbol, feature_time, target_time, predicted, actual, split, lower80, upper80, lower90, upper90";

    private static async Task<IReadOnlyList<StoredPrediction>> ReadPredictionsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<StoredPrediction>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new StoredPrediction(reader.GetString(0), reader.GetFieldValue<DateTime>(1), reader.GetFieldValue<DateTime>(2), reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetString(5), Bounds(reader, 6), Bounds(reader, 8)));
        return result;
    }

    private static PredictionBounds? Bounds(NpgsqlDataReader reader, int lower) =>
        reader.IsDBNull(lower) || reader.IsDBNull(lower + 1) ? null : new PredictionBounds(reader.GetDouble(lower), reader.GetDouble(lower + 1));

    private static async Task<IReadOnlyList<ModelVersion>> ReadVersionsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<ModelVersion>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new ModelVersion(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTime>(4),
                reader.GetFieldValue<string[]>(5),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(6))!,
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7))!,
                reader.GetString(8), reader.GetString(9), reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetDouble(11), reader.IsDBNull(12) ? null : reader.GetDouble(12),
                reader.IsDBNull(13) ? null : reader.GetDouble(13),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(14))));
        return result;
    }
}
