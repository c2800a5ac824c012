using Project01.AppHost.Security;

namespace Project01.AppHost.Infrastructure;

/// <summary>
/// Infrastructure from the official images: postgres, redis and apache/kafka (KRaft, single node). Also what a published
/// manifest describes: there the passwords are Aspire's generated secret parameters, Kafka advertises the address its
/// clients reach it by, and the lake and shared paths are parameters of the deployment (<see cref="DeploymentStorage"/>).
/// </summary>
internal static class ContainerInfrastructure
{
    public const string PostgresImage = "postgres";
    public const string RedisImage = "redis";
    public const string KafkaImage = "apache/kafka";
    public const string KafkaTag = "3.9.1";

    public static InfraResources Add(IDistributedApplicationBuilder builder, InfraOptions options, string dataDir, PlatformCredentials credentials)
    {
        var publishing = builder.ExecutionContext.IsPublishMode;
        var postgres = builder.AddPostgres("postgres").WithDataVolume("project01-postgres");
        var db = postgres.AddDatabase("p01db", "project01");

        var redis = builder.AddRedis("online-store");

        // Aspire.Hosting.Kafka is not served here: the official image via AddContainer.
        var broker = builder.AddContainer("kafka-broker", KafkaImage, KafkaTag)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093")
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithVolume("project01-kafka", "/var/lib/kafka/data");

        // The advertised listener must be the address clients use. Locally that is a fixed host port (not proxied);
        // in a deployment it is the broker's own endpoint (its service name and port inside the environment), so
        // clients and the broker agree on one address. No host port is probed when publishing.
        IResourceBuilder<IResourceWithConnectionString> kafka;
        DeploymentStorage? deployment = null;
        if (publishing)
        {
            broker.WithEndpoint(name: "tcp", port: 9092, targetPort: 9092, scheme: "tcp");
            var address = broker.GetEndpoint("tcp").Property(EndpointProperty.HostAndPort);
            broker.WithEnvironment("KAFKA_ADVERTISED_LISTENERS", ReferenceExpression.Create($"PLAINTEXT://{address}"));
            kafka = builder.AddConnectionString("kafka", ReferenceExpression.Create($"{address}"));
            deployment = DeploymentStorage.Add(builder);
        }
        else
        {
            var kafkaPort = Preflight.ResolvePort(options.Ports.Kafka, "Kafka");
            broker.WithEndpoint(name: "tcp", port: kafkaPort, targetPort: 9092, scheme: "tcp", isProxied: false)
                .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + kafkaPort);
            kafka = builder.AddConnectionString("kafka", ReferenceExpression.Create($"127.0.0.1:{kafkaPort.ToString()}"));
        }

        return new InfraResources(InfraMode.Containers, dataDir, credentials, db, db, redis, redis, kafka, broker, deployment);
    }
}
