using Npgsql;

namespace Project01.Postgres;

/// <summary>
/// Idempotent DDL shared by every component that owns tables. Services start together, and concurrent
/// <c>CREATE … IF NOT EXISTS</c> can still collide in the catalog, so every script runs under one advisory lock.
/// </summary>
public static class PostgresSchema
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string ddl, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, tx))
        {
            lockCommand.Parameters.AddWithValue("project01-schema");
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using (var command = new NpgsqlCommand(ddl, connection, tx))
            await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
