using Project01.LakeTables.Writing;
using Project01.Messaging.Kafka;

namespace Project01.Ingest.Workers;

/// <summary>Hosts the topics → lake writer until the service stops.</summary>
public sealed class LakeWriterWorker(TopicLakeWriter writer, IConfiguration configuration) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The consumer loop blocks in librdkafka; give it its own thread instead of a pool thread.
        Task.Factory.StartNew(() => writer.RunUntilStoppedAsync(configuration.GetKafkaBootstrapServers("kafka"), stoppingToken),
            stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
}
