using Project01.AppHost.Security;
using HealthChecks.NpgSql;
using Microsoft.Extensions.DependencyInjection;

namespace Project01.AppHost.Infrastructure;

/// <summary>
/// Infrastructure as local processes: real PostgreSQL binaries (started as the postgres user when run as root),
/// redis-server, and the embedded Kafka-protocol broker (librdkafka's mock cluster) on a fixed port.
/// </summary>
internal static class ExecutableInfrastructure
{
    public static InfraResources Add(IDistributedApplicationBuilder builder, InfraOptions options, string repoRoot, string dataDir, PlatformCredentials credentials)
    {
        var postgresBin = Preflight.FindPostgresBin();
        var redisServer = Preflight.FindRedisServer();
        var pgPort = Preflight.ResolvePort(options.Ports.Postgres, "Postgres");
        var redisPort = Preflight.ResolvePort(options.Ports.Redis, "Redis");
        var kafkaPort = Preflight.ResolvePort(options.Ports.Kafka, "Kafka");
        var scripts = Path.Combine(repoRoot, "eng", "infra");

        // PostgreSQL: initdb on first run; the data directory survives restarts. Password authentication (scram) with the
        // password generated for this data directory, handed to the script in the environment (never on a command line).
        var pgPassword = builder.AddParameter("postgres-password", credentials.PostgresPassword, secret: true);
        var pgAddress = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Database=project01";
        builder.Services.AddHealthChecks().AddNpgSql($"{pgAddress};Password={credentials.PostgresPassword}", name: "postgres-ready");
        var postgres = builder.AddExecutable("postgres", "bash", repoRoot,
                Path.Combine(scripts, "postgres.sh"), postgresBin, Path.Combine(dataDir, "postgres"), pgPort.ToString())
            .WithEnvironment("P01_POSTGRES_PASSWORD", pgPassword)
            .WithEndpoint(name: "tcp", port: pgPort, targetPort: pgPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("postgres-ready");
        var db = builder.AddConnectionString("p01db", ReferenceExpression.Create($"{pgAddress};Password={pgPassword}"));

        // Redis protocol server for the online store (in memory: the store is rebuilt from the offline store at start),
        // with requirepass set from the generated password (given on stdin, so it is not in the process list).
        var redisPassword = builder.AddParameter("redis-password", credentials.RedisPassword, secret: true);
        var redisAddress = $"127.0.0.1:{redisPort}";
        builder.Services.AddHealthChecks().AddRedis($"{redisAddress},password={credentials.RedisPassword}", name: "redis-ready");
        var redis = builder.AddExecutable("redis", "bash", repoRoot, Path.Combine(scripts, "redis.sh"), redisServer, redisPort.ToString())
            .WithEnvironment("P01_REDIS_PASSWORD", redisPassword)
            .WithEndpoint(name: "tcp", port: redisPort, targetPort: redisPort, scheme: "tcp", isProxied: false)
            .WithHealthCheck("redis-ready");
        var online = builder.AddConnectionString("online-store", ReferenceExpression.Create($"{redisAddress},password={redisPassword}"));

        // Kafka protocol: the embedded broker, a small .NET process over librdkafka's mock cluster.
        var broker = builder.AddProject<Projects.Project01_Broker>("kafka-broker")
            .WithEnvironment("Broker__Port", kafkaPort.ToString())
            .WithHttpHealthCheck("/health");
        var kafka = builder.AddConnectionString("kafka", ReferenceExpression.Create($"127.0.0.1:{kafkaPort.ToString()}"));

        return new InfraResources(InfraMode.Executables, dataDir, credentials, db, postgres, online, redis, kafka, broker);
    }
}
