using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

public static class KafkaClusterInfo
{
    /// <summary>One-partition topic on which the embedded broker publishes the id of its incarnation.</summary>
    public const string IncarnationTopic = "__project01_cluster";

    /// <summary>
    /// The cluster's id. Offsets are only meaningful within one cluster incarnation: the embedded broker starts empty
    /// each time, so offset-based idempotency keys include this id. Real Kafka answers DescribeCluster; the embedded
    /// broker does not, and publishes its id on <see cref="IncarnationTopic"/> instead.
    /// </summary>
    public static async Task<string> GetClusterIdAsync(string bootstrapServers, CancellationToken ct)
    {
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).SetLogHandler(static (_, _) => { }).Build())
        {
            if (admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Any(t => t.Topic == IncarnationTopic && t.Error.Code == ErrorCode.NoError))
                return ReadIncarnation(bootstrapServers, ct);
            var description = await admin.DescribeClusterAsync(new Confluent.Kafka.Admin.DescribeClusterOptions { RequestTimeout = TimeSpan.FromSeconds(10) }).WaitAsync(ct);
            if (!string.IsNullOrEmpty(description.ClusterId)) return description.ClusterId;
        }
        throw new InvalidOperationException($"the Kafka cluster at {bootstrapServers} reported no cluster id");
    }

    private static string ReadIncarnation(string bootstrapServers, CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers, GroupId = "incarnation-reader", EnableAutoCommit = false,
        }).SetLogHandler(static (_, _) => { }).Build();
        consumer.Assign(new TopicPartitionOffset(IncarnationTopic, 0, Offset.Beginning));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
            if (consumer.Consume(TimeSpan.FromMilliseconds(250)) is { Message.Value: { Length: > 0 } id }) return id;
        throw new TimeoutException($"no cluster id on {IncarnationTopic} at {bootstrapServers}");
    }

    /// <summary>Creates topics that do not exist yet (real Kafka); brokers that cannot (the embedded mock) have them already.</summary>
    public static async Task EnsureTopicsAsync(string bootstrapServers, IEnumerable<(string Name, int Partitions)> topics, CancellationToken ct)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
            .SetLogHandler(static (_, _) => { }).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet();
        var missing = topics.Where(t => !existing.Contains(t.Name))
            .Select(t => new Confluent.Kafka.Admin.TopicSpecification { Name = t.Name, NumPartitions = t.Partitions, ReplicationFactor = 1 }).ToList();
        if (missing.Count == 0) return;
        try
        {
            await admin.CreateTopicsAsync(missing).WaitAsync(ct);
        }
        catch (Confluent.Kafka.Admin.CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
            // Another service created them first.
        }
    }
}
