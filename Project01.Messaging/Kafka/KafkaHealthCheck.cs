using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Project01.Messaging.Kafka;

/// <summary>Healthy when the cluster answers a metadata request within the timeout.</summary>
public sealed class KafkaHealthCheck(string bootstrapServers) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(new AdminClientConfig
    {
        BootstrapServers = bootstrapServers,
        SocketTimeoutMs = 3000,
    }).SetLogHandler(static (_, _) => { }).Build());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // GetMetadata blocks; keep it off the request thread.
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(TimeSpan.FromSeconds(3)), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {metadata.Topics.Count} topic(s)")
                : HealthCheckResult.Unhealthy("the cluster reported no brokers");
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Kafka at {bootstrapServers} did not answer: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    }
}
