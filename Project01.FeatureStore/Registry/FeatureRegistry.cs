using System.Text.Json;
using Npgsql;
using Project01.Postgres;

namespace Project01.FeatureStore.Registry;

/// <summary>One view as the registry holds it.</summary>
public sealed record RegisteredView(string Name, int Version, string Entity, string Source, IReadOnlyList<string> Features, TimeSpan Ttl,
    string Description, string Transformation, string Fingerprint, DateTime AppliedAt, string AppliedBy);

/// <summary>What applying the code's definitions does (or would do, in a dry run) to one view.</summary>
public sealed record ViewChange(string View, string Kind, IReadOnlyList<string> Differences)
{
    public const string Created = "created", Updated = "updated", Unchanged = "unchanged", Refused = "refused", NotInCode = "not in code";
}

/// <summary>
/// The feature registry in Postgres (<c>features.views</c> plus an append-only <c>features.view_changes</c> log). Views
/// are defined in code and applied like <c>feast apply</c>: a new name/version is created; a changed description, TTL
/// or source is an update recorded with its diff; a changed feature list under the same version is refused, because
/// stored history would no longer match it — that needs a new version.
/// </summary>
public sealed class FeatureRegistry(NpgsqlDataSource db)
{
    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, """
        CREATE SCHEMA IF NOT EXISTS features;
        CREATE TABLE IF NOT EXISTS features.views (
            name text NOT NULL,
            version int NOT NULL,
            entity text NOT NULL,
            source text NOT NULL,
            features jsonb NOT NULL,
            ttl_seconds bigint NOT NULL,
            description text NOT NULL,
            transformation text NOT NULL,
            fingerprint text NOT NULL,
            applied_at timestamptz NOT NULL,
            applied_by text NOT NULL,
            PRIMARY KEY (name, version)
        );
        CREATE TABLE IF NOT EXISTS features.view_changes (
            id bigserial PRIMARY KEY,
            name text NOT NULL,
            version int NOT NULL,
            kind text NOT NULL,
            differences jsonb NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text NOT NULL
        );
        """, ct);

    public async Task<IReadOnlyList<ViewChange>> ApplyAsync(IReadOnlyList<FeatureView> definitions, string by, bool dryRun, CancellationToken ct)
    {
        await EnsureSchemaAsync(ct);
        var registered = (await ListAsync(ct)).ToDictionary(v => (v.Name, v.Version));
        var changes = new List<ViewChange>();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var view in definitions)
        {
            if (!registered.TryGetValue((view.Name, view.Version), out var current))
            {
                changes.Add(new ViewChange(view.Key, ViewChange.Created, [$"features: {string.Join(", ", view.Features)}", $"ttl: {view.Ttl}"]));
                if (!dryRun) await UpsertAsync(connection, tx, view, by, ViewChange.Created, changes[^1].Differences, ct);
                continue;
            }
            if (current.Fingerprint == view.Fingerprint)
            {
                changes.Add(new ViewChange(view.Key, ViewChange.Unchanged, []));
                continue;
            }
            if (!current.Features.SequenceEqual(view.Features))
            {
                var added = view.Features.Except(current.Features).ToList();
                var removed = current.Features.Except(view.Features).ToList();
                changes.Add(new ViewChange(view.Key, ViewChange.Refused,
                [
                    $"the feature list changed (added: {string.Join(", ", added.DefaultIfEmpty("none"))}; removed: {string.Join(", ", removed.DefaultIfEmpty("none"))}; or reordered)",
                    $"stored history of {view.Key} has the old layout: define {view.Name}_v{view.Version + 1} instead",
                ]));
                continue;
            }
            var diffs = Differences(current, view);
            changes.Add(new ViewChange(view.Key, ViewChange.Updated, diffs));
            if (!dryRun) await UpsertAsync(connection, tx, view, by, ViewChange.Updated, diffs, ct);
        }
        foreach (var orphan in registered.Values.Where(r => !definitions.Any(d => d.Name == r.Name && d.Version == r.Version)))
            changes.Add(new ViewChange($"{orphan.Name}_v{orphan.Version}", ViewChange.NotInCode, ["kept: history may still be read"]));
        if (!dryRun) await tx.CommitAsync(ct);
        return changes;
    }

    private static List<string> Differences(RegisteredView current, FeatureView view)
    {
        var diffs = new List<string>();
        void Compare(string what, string before, string after)
        {
            if (before != after) diffs.Add($"{what}: '{before}' → '{after}'");
        }
        Compare("entity", current.Entity, view.Entity);
        Compare("source", current.Source, view.Source);
        Compare("ttl", current.Ttl.ToString(), view.Ttl.ToString());
        Compare("description", current.Description, view.Description);
        Compare("transformation", current.Transformation, view.Transformation);
        return diffs;
    }

    private static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, FeatureView view, string by, string kind,
        IReadOnlyList<string> differences, CancellationToken ct)
    {
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO features.views (name, version, entity, source, features, ttl_seconds, description, transformation, fingerprint, applied_at, applied_by)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, now(), $10)
            ON CONFLICT (name, version) DO UPDATE SET entity = EXCLUDED.entity, source = EXCLUDED.source, ttl_seconds = EXCLUDED.ttl_seconds,
                description = EXCLUDED.description, transformation = EXCLUDED.transformation, fingerprint = EXCLUDED.fingerprint,
                applied_at = now(), applied_by = EXCLUDED.applied_by
            """, connection, tx))
        {
            upsert.Parameters.AddWithValue(view.Name);
            upsert.Parameters.AddWithValue(view.Version);
            upsert.Parameters.AddWithValue(view.Entity);
            upsert.Parameters.AddWithValue(view.Source);
            upsert.Parameters.AddWithValue(JsonSerializer.Serialize(view.Features));
            upsert.Parameters.AddWithValue((long)view.Ttl.TotalSeconds);
            upsert.Parameters.AddWithValue(view.Description);
            upsert.Parameters.AddWithValue(view.Transformation);
            upsert.Parameters.AddWithValue(view.Fingerprint);
            upsert.Parameters.AddWithValue(by);
            await upsert.ExecuteNonQueryAsync(ct);
        }
        await using var log = new NpgsqlCommand(
            "INSERT INTO features.view_changes (name, version, kind, differences, applied_by) VALUES ($1, $2, $3, $4::jsonb, $5)", connection, tx);
        log.Parameters.AddWithValue(view.Name);
        log.Parameters.AddWithValue(view.Version);
        log.Parameters.AddWithValue(kind);
        log.Parameters.AddWithValue(JsonSerializer.Serialize(differences));
        log.Parameters.AddWithValue(by);
        await log.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<RegisteredView>> ListAsync(CancellationToken ct)
    {
        var result = new List<RegisteredView>();
        try
        {
            await using var command = db.CreateCommand("""
                SELECT name, version, entity, source, features::text, ttl_seconds, description, transformation, fingerprint, applied_at, applied_by
                FROM features.views ORDER BY name, version
                """);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result.Add(new RegisteredView(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    JsonSerializer.Deserialize<string[]>(reader.GetString(4))!, TimeSpan.FromSeconds(reader.GetInt64(5)), reader.GetString(6),
                    reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTime>(9), reader.GetString(10)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Nothing applied yet.
        }
        return result;
    }
}
