using Confluent.Kafka;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;

namespace Project01.Tests.Kafka;

/// <summary>An in-process embedded broker with the platform's topics, and client factories. Import
/// <c>KafkaTestKit.props</c> to use it; <c>LakeWriterTestKit.props</c> adds a temporary lake and lake writers.</summary>
public sealed partial class KafkaTestKit : IAsyncDisposable
{
    private KafkaTestKit(MockKafkaCluster cluster) => Cluster = cluster;

    public MockKafkaCluster Cluster { get; private set; }

    /// <summary>Stops the broker and starts an empty one on the same port, as a restart of the embedded broker does.</summary>
    public async Task RestartBrokerAsync()
    {
        var port = Cluster.Port;
        await Cluster.DisposeAsync();
        Cluster = MockKafkaCluster.Start(port, Topics.All);
    }

    public static KafkaTestKit Start() => new(MockKafkaCluster.Start(0, Topics.All));

    public IProducer<string, byte[]> Producer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Cluster.BootstrapServers, EnableIdempotence = true, LingerMs = 2 }).Build();

    public IConsumer<string, byte[]> Consumer(string group) =>
        new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Cluster.BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false, SessionTimeoutMs = 6000,
        }).Build();

    /// <summary>Consumers of one group, as the services' hosting makes them: a fresh one for each run of a worker.</summary>
    public KafkaConsumerFactory<string, byte[]> Consumers(string group) => new(() => Consumer(group));

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
        DeleteLake();
    }

    partial void DeleteLake();
}
