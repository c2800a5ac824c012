using System.ComponentModel;
using Npgsql;
using Project01.FeatureStore.Offline;
using Project01.Lake;
using Project01.Lake.Storage;
using Spectre.Console.Cli;
using StackExchange.Redis;

namespace Project01.Cli.Commands.Features;

/// <summary>Where the feature store lives; the defaults are what <c>./run.sh</c> starts locally.</summary>
public class FeatureStoreSettings : CommandSettings
{
    [CommandOption("--db <CONNECTION>")]
    [Description("Postgres connection string (default: ConnectionStrings__p01db, else the local AppHost's with .data/credentials/postgres-password)")]
    public string? Db { get; init; }

    [CommandOption("--lake <DIR>")]
    [Description("lake root (default: Lake__Root, else .data/lake)")]
    public string? Lake { get; init; }

    [CommandOption("--redis <CONNECTION>")]
    [Description("Redis online store (default: ConnectionStrings__online-store, else the local AppHost's at 127.0.0.1:56379 with .data/credentials/redis-password)")]
    public string? Redis { get; init; }

    public NpgsqlDataSource OpenDb() =>
        NpgsqlDataSource.Create(Db ?? Environment.GetEnvironmentVariable("ConnectionStrings__p01db") ?? LocalPlatform.PostgresConnection);

    public Lakehouse OpenLake() => new(new LocalLakeStorage(Lake ?? Environment.GetEnvironmentVariable("Lake__Root") ?? LocalPlatform.LakeRoot));

    public Task<ConnectionMultiplexer> OpenRedisAsync() =>
        ConnectionMultiplexer.ConnectAsync(Redis ?? Environment.GetEnvironmentVariable("ConnectionStrings__online-store") ?? LocalPlatform.RedisConnection);

    public OfflineFeatureStore OpenOffline(NpgsqlDataSource db) => new(OpenLake(), db);
}
