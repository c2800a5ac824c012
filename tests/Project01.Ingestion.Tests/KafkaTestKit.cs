using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Project01.Ingestion.LakeWriting;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;
using Project01.Tests;

namespace Project01.Ingestion.Tests;

/// <summary>An in-process embedded broker with the platform's topics, a temporary lake, and client factories.</summary>
public sealed class KafkaTestKit : IAsyncDisposable
{
    private KafkaTestKit(MockKafkaCluster cluster) => Cluster = cluster;

    public MockKafkaCluster Cluster { get; }
    public string LakeRoot { get; } = TestPaths.NewTempDirectory("ingest-lake");
    public Lakehouse Lake => new(new LocalLakeStorage(LakeRoot));

    public static KafkaTestKit Start() => new(MockKafkaCluster.Start(0, Topics.All));

    public IProducer<string, byte[]> Producer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Cluster.BootstrapServers, EnableIdempotence = true, LingerMs = 2 }).Build();

    public IConsumer<string, byte[]> Consumer(string group) =>
        new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false, SessionTimeoutMs = 6000,
        }).Build();

    public TopicLakeWriter Writer(IConsumer<string, byte[]> consumer, IProducer<string, byte[]> producer, LakeWriterStats stats, Lakehouse lake) =>
        new(consumer, producer, lake, LakeSinks.CreateDefault(), stats, Options.Create(new LakeWriterOptions { MaxBatchRecords = 1000, MaxBatchDelayMs = 100 }),
            NullLogger<TopicLakeWriter>.Instance);

    /// <summary>Everything on a topic from the beginning, until it has been quiet for a moment.</summary>
    public List<ConsumeResult<string, byte[]>> ReadAll(string topic, int expected, TimeSpan timeout)
    {
        using var consumer = Consumer("reader-" + Guid.NewGuid().ToString("N"));
        consumer.Subscribe(topic);
        var result = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && result.Count < expected)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } r) result.Add(r);
        // Anything beyond the expected count would be a duplicate: give it a chance to show up.
        var quietUntil = DateTime.UtcNow.AddMilliseconds(500);
        while (DateTime.UtcNow < quietUntil)
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } r) result.Add(r);
        consumer.Close();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(LakeRoot, recursive: true); } catch (IOException) { }
    }
}
