using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;

namespace Project01.Broker;

/// <summary>Owns the mock cluster for the life of the process, and reports it as a health check.</summary>
public sealed partial class EmbeddedBrokerService(IOptions<BrokerOptions> options, ILogger<EmbeddedBrokerService> logger)
    : IHostedService, IHealthCheck, IAsyncDisposable
{
    private MockKafkaCluster? _cluster;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cluster = MockKafkaCluster.Start(options.Value.Port, Topics.All);
        LogStarted(logger, _cluster.BootstrapServers, _cluster.InternalBootstrap, string.Join(", ", Topics.All.Select(t => $"{t.Name}[{t.Partitions}]")));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cluster is null
            ? HealthCheckResult.Unhealthy("mock cluster not started")
            : HealthCheckResult.Healthy($"listening on {_cluster.BootstrapServers}"));

    public async ValueTask DisposeAsync()
    {
        if (_cluster is null) return;
        await _cluster.DisposeAsync();
        _cluster = null;
    }

    [LoggerMessage(LogLevel.Information, "Embedded Kafka broker on {Bootstrap} (mock at {Internal}); topics: {Topics}. In-memory: the lake is the durable record.")]
    private static partial void LogStarted(ILogger logger, string bootstrap, string @internal, string topics);
}
