using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Project01.Messaging.Kafka;

/// <summary>
/// The equivalent of Aspire.Confluent.Kafka (not served here) over Confluent.Kafka: reads the bootstrap servers from
/// the <c>ConnectionStrings:&lt;name&gt;</c> entry that the AppHost injects, registers the client as a singleton, adds a
/// health check, and routes librdkafka's logs into ILogger. Tracing: <see cref="KafkaTracing"/>.
/// </summary>
public static class KafkaHostingExtensions
{
    public static string GetKafkaBootstrapServers(this IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"No Kafka connection string '{connectionName}': set ConnectionStrings:{connectionName} (the AppHost does this) to host:port.");

    public static IHostApplicationBuilder AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<ProducerConfig>? configureSettings = null, Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var bootstrap = builder.Configuration.GetKafkaBootstrapServers(connectionName);
        builder.Services.AddSingleton<IProducer<TKey, TValue>>(sp =>
        {
            var config = new ProducerConfig
            {
                BootstrapServers = bootstrap,
                EnableIdempotence = true,
                Acks = Acks.All,
                LingerMs = 5,
                BatchNumMessages = 10_000,
                CompressionType = CompressionType.Lz4,
            };
            configureSettings?.Invoke(config);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kafka.Producer");
            var pb = new ProducerBuilder<TKey, TValue>(config).SetLogHandler((_, m) => LogKafka(logger, m));
            configureBuilder?.Invoke(sp, pb);
            return pb.Build();
        });
        builder.AddKafkaHealthCheck(connectionName, bootstrap);
        return builder;
    }

    public static IHostApplicationBuilder AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<ConsumerConfig> configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var bootstrap = builder.Configuration.GetKafkaBootstrapServers(connectionName);
        builder.Services.AddSingleton(sp => new KafkaConsumerFactory<TKey, TValue>(() => BuildConsumer(sp, bootstrap, configureSettings, configureBuilder)));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<KafkaConsumerFactory<TKey, TValue>>().Create());
        builder.AddKafkaHealthCheck(connectionName, bootstrap);
        return builder;
    }

    /// <summary>A second (third…) consumer in one service, in its own group, resolved with <c>[FromKeyedServices(key)]</c>.</summary>
    public static IHostApplicationBuilder AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string key, string connectionName,
        Action<ConsumerConfig> configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var bootstrap = builder.Configuration.GetKafkaBootstrapServers(connectionName);
        builder.Services.AddKeyedSingleton(key, (sp, _) => new KafkaConsumerFactory<TKey, TValue>(() => BuildConsumer(sp, bootstrap, configureSettings, configureBuilder)));
        builder.Services.AddKeyedSingleton(key, (sp, k) => sp.GetRequiredKeyedService<KafkaConsumerFactory<TKey, TValue>>(k).Create());
        builder.AddKafkaHealthCheck(connectionName, bootstrap);
        return builder;
    }

    private static IConsumer<TKey, TValue> BuildConsumer<TKey, TValue>(IServiceProvider sp, string bootstrap,
        Action<ConsumerConfig> configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // A restarted member gets its partitions back after the old session expires: keep that short.
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1500,
        };
        configureSettings(config);
        if (string.IsNullOrEmpty(config.GroupId)) throw new InvalidOperationException("a Kafka consumer needs a GroupId");
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kafka.Consumer");
        var cb = new ConsumerBuilder<TKey, TValue>(config).SetLogHandler((_, m) => LogKafka(logger, m));
        configureBuilder?.Invoke(sp, cb);
        return cb.Build();
    }

    private static void AddKafkaHealthCheck(this IHostApplicationBuilder builder, string connectionName, string bootstrap)
    {
        var name = $"kafka-{connectionName}";
        if (builder.Services.Any(d => d.ServiceType == typeof(KafkaHealthCheckMarker) && Equals(d.ImplementationInstance, new KafkaHealthCheckMarker(name))))
            return;
        builder.Services.AddSingleton(new KafkaHealthCheckMarker(name));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(name, _ => new KafkaHealthCheck(bootstrap),
            HealthStatus.Unhealthy, ["ready", "kafka"], TimeSpan.FromSeconds(5)));
    }

    private sealed record KafkaHealthCheckMarker(string Name);

    private static void LogKafka(ILogger logger, LogMessage m)
    {
        var level = m.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "librdkafka {Facility} {Name}: {Message}", m.Facility, m.Name, m.Message);
    }
}
