using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Project01.Postgres;

namespace Project01.ApiKeys;

/// <summary>
/// API keys in Postgres (<c>inference.api_keys</c>). A key is 32 random bytes (<c>p01_</c> + base64url), so a plain
/// SHA-256 of it is a safe lookup hash (no dictionary to attack, unlike a password) and fast enough to check on every
/// request. The first characters are kept as a prefix to tell keys apart in lists and logs.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db) : IApiKeyFinder
{
    public const string KeyPrefix = "p01_";
    private const int PrefixLength = 12;

    public const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS inference;
        CREATE TABLE IF NOT EXISTS inference.api_keys (
            id bigserial PRIMARY KEY,
            client text NOT NULL,
            key_hash bytea NOT NULL UNIQUE,
            prefix text NOT NULL,
            scopes text[] NOT NULL,
            requests_per_minute integer NOT NULL CHECK (requests_per_minute > 0),
            created_at timestamptz NOT NULL DEFAULT now(),
            revoked_at timestamptz
        );
        -- One live key per client; revoked ones stay for the record.
        CREATE UNIQUE INDEX IF NOT EXISTS api_keys_live_client ON inference.api_keys (client) WHERE revoked_at IS NULL;
        """;

    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    private const string Columns = "id, client, prefix, scopes, requests_per_minute, created_at, revoked_at";

    public Task EnsureSchemaAsync(CancellationToken ct) => PostgresSchema.EnsureAsync(db, Ddl, ct);

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>A new secret: <c>p01_</c> + 32 random bytes in base64url.</summary>
    public static string NewSecret() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The part of a secret kept in the clear to tell keys apart.</summary>
    public static string PrefixOf(string secret) => secret[..Math.Min(PrefixLength, secret.Length)];

    /// <summary>Issues a key for a new client. Scopes must be known; the rate is requests per minute.</summary>
    public async Task<IssuedApiKey> CreateAsync(string client, IReadOnlyCollection<string> scopes, int requestsPerMinute, CancellationToken ct)
    {
        Validate(client, scopes, requestsPerMinute);
        var secret = NewSecret();
        await using var command = db.CreateCommand($"""
            INSERT INTO inference.api_keys (client, key_hash, prefix, scopes, requests_per_minute) VALUES ($1, $2, $3, $4, $5)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(client.Trim());
        command.Parameters.AddWithValue(Hash(secret));
        command.Parameters.AddWithValue(PrefixOf(secret));
        command.Parameters.AddWithValue(scopes.Distinct().ToArray());
        command.Parameters.AddWithValue(requestsPerMinute);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new IssuedApiKey(Read(reader), secret);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"client '{client}' already has a key; revoke it first", e);
        }
    }

    /// <summary>
    /// Makes <paramref name="key"/> the client's live key: nothing changes when it already is (same hash, scopes and
    /// rate); otherwise the client's live key is revoked and this one inserted. Every service provisions the same keys
    /// at start-up, so the check and the change run under one advisory lock.
    /// </summary>
    public async Task ProvisionAsync(ProvisionedApiKey key, CancellationToken ct)
    {
        Validate(key.Client, key.Scopes, key.RequestsPerMinute);
        if (key.Hash.Length != SHA256.HashSizeInBytes) throw new ArgumentException("a key hash is 32 bytes (SHA-256)", nameof(key));
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('inference.api_keys provision'))", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        await using (var live = new NpgsqlCommand(
            "SELECT 1 FROM inference.api_keys WHERE client = $1 AND revoked_at IS NULL AND key_hash = $2 AND scopes = $3 AND requests_per_minute = $4", connection, tx))
        {
            live.Parameters.AddWithValue(key.Client);
            live.Parameters.AddWithValue(key.Hash);
            live.Parameters.AddWithValue(key.Scopes.Distinct().ToArray());
            live.Parameters.AddWithValue(key.RequestsPerMinute);
            if (await live.ExecuteScalarAsync(ct) is not null) return;
        }
        await using (var revoke = new NpgsqlCommand("UPDATE inference.api_keys SET revoked_at = now() WHERE client = $1 AND revoked_at IS NULL", connection, tx))
        {
            revoke.Parameters.AddWithValue(key.Client);
            await revoke.ExecuteNonQueryAsync(ct);
        }
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO inference.api_keys (client, key_hash, prefix, scopes, requests_per_minute) VALUES ($1, $2, $3, $4, $5)", connection, tx))
        {
            insert.Parameters.AddWithValue(key.Client);
            insert.Parameters.AddWithValue(key.Hash);
            insert.Parameters.AddWithValue(key.Prefix);
            insert.Parameters.AddWithValue(key.Scopes.Distinct().ToArray());
            insert.Parameters.AddWithValue(key.RequestsPerMinute);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static void Validate(string client, IReadOnlyCollection<string> scopes, int requestsPerMinute)
    {
        if (string.IsNullOrWhiteSpace(client)) throw new ArgumentException("a key needs a client name", nameof(client));
        if (scopes.Count == 0) throw new ArgumentException($"a key needs at least one scope ({string.Join(", ", ApiScopes.All)})", nameof(scopes));
        if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
            throw new ArgumentException($"unknown scope '{unknown}' (known: {string.Join(", ", ApiScopes.All)})", nameof(scopes));
        if (requestsPerMinute < 1) throw new ArgumentException("the rate limit must be at least 1 request per minute", nameof(requestsPerMinute));
    }

    /// <summary>The key a secret belongs to (revoked ones included, so the caller can say so), or null.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM inference.api_keys WHERE key_hash = $1");
        command.Parameters.AddWithValue(Hash(secret));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM inference.api_keys ORDER BY client");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(ct)) keys.Add(Read(reader));
        return keys;
    }

    /// <summary>Revokes a client's key; false when it has none (or it was revoked already).</summary>
    public async Task<bool> RevokeAsync(string client, CancellationToken ct)
    {
        await using var command = db.CreateCommand("UPDATE inference.api_keys SET revoked_at = now() WHERE client = $1 AND revoked_at IS NULL");
        command.Parameters.AddWithValue(client);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private static ApiKey Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetInt32(4),
        DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc), r.IsDBNull(6) ? null : DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc));
}
