using Project01.Ingestion.LakeWriting;
using Project01.Messaging.Kafka;

namespace Project01.Ingest.Workers;

/// <summary>Hosts the topics → lake writer: makes sure the topics exist, learns the cluster id, then consumes until stopped.</summary>
public sealed partial class LakeWriterWorker(TopicLakeWriter writer, IConfiguration configuration, ILogger<LakeWriterWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The consumer loop blocks in librdkafka; give it its own thread instead of a pool thread.
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken ct)
    {
        var bootstrap = configuration.GetKafkaBootstrapServers("kafka");
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await KafkaClusterInfo.EnsureTopicsAsync(bootstrap, Topics.All, ct);
                var clusterId = await KafkaClusterInfo.GetClusterIdAsync(bootstrap, ct);
                await writer.RunAsync(clusterId, ct);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lake and the offsets are consistent at every commit, so starting over is always safe.
                LogFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Lake writer failed; restarting from the last committed offsets")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
