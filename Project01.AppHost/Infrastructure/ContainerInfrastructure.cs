using Project01.AppHost.Security;

namespace Project01.AppHost.Infrastructure;

/// <summary>Infrastructure from the official images: postgres, redis and apache/kafka (KRaft, single node).</summary>
internal static class ContainerInfrastructure
{
    public static InfraResources Add(IDistributedApplicationBuilder builder, InfraOptions options, string dataDir, PlatformCredentials credentials)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume("project01-postgres");
        var db = postgres.AddDatabase("p01db", "project01");

        var redis = builder.AddRedis("online-store");

        // Aspire.Hosting.Kafka is not served here: the official image via AddContainer. The advertised listener must be
        // the address clients use, so the host port is fixed rather than proxied.
        var kafkaPort = Preflight.ResolvePort(options.Ports.Kafka, "Kafka");
        var broker = builder.AddContainer("kafka-broker", "apache/kafka", "3.9.1")
            .WithEndpoint(name: "tcp", port: kafkaPort, targetPort: 9092, scheme: "tcp", isProxied: false)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + kafkaPort)
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithVolume("project01-kafka", "/var/lib/kafka/data");
        var kafka = builder.AddConnectionString("kafka", ReferenceExpression.Create($"127.0.0.1:{kafkaPort.ToString()}"));

        return new InfraResources(InfraMode.Containers, dataDir, credentials, db, db, redis, redis, kafka, broker);
    }
}
