using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using StackExchange.Redis;

namespace Project01.IntegrationTests;

/// <summary>
/// A private database on the AppHost's Postgres (so tests never disturb the running pipeline's tables or trigger its
/// training), and a connection to its Redis.
/// </summary>
public sealed class StoreTestDatabase : IAsyncDisposable
{
    private StoreTestDatabase(NpgsqlDataSource db, string connectionString, IConnectionMultiplexer redis, string redisConnectionString, string name, string adminConnection)
    {
        Db = db;
        ConnectionString = connectionString;
        RedisConnectionString = redisConnectionString;
        Redis = redis;
        _name = name;
        _adminConnection = adminConnection;
    }

    private readonly string _name;
    private readonly string _adminConnection;

    public NpgsqlDataSource Db { get; }

    /// <summary>The private database's connection string, password included (Npgsql hides it in <c>Db.ConnectionString</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>Redis's connection string, password included.</summary>
    public string RedisConnectionString { get; }
    public IConnectionMultiplexer Redis { get; }

    public static async Task<StoreTestDatabase> CreateAsync(AppHostFixture fixture, CancellationToken ct)
    {
        var admin = (await fixture.App.GetConnectionStringAsync("p01db", ct))!;
        var name = "test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var db = NpgsqlDataSource.Create(connectionString);
        var redisConnection = (await fixture.App.GetConnectionStringAsync("online-store", ct))!;
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        return new StoreTestDatabase(db, connectionString, redis, redisConnection, name, admin);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await Redis.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
