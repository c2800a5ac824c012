using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

public static class KafkaClusterInfo
{
    /// <summary>
    /// The cluster's id. Offsets are only meaningful within one cluster incarnation: the embedded broker starts empty
    /// each time, so offset-based idempotency keys include this id.
    /// </summary>
    public static async Task<string> GetClusterIdAsync(string bootstrapServers, CancellationToken ct)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
            .SetLogHandler(static (_, _) => { }).Build();
        var description = await admin.DescribeClusterAsync(new Confluent.Kafka.Admin.DescribeClusterOptions { RequestTimeout = TimeSpan.FromSeconds(10) }).WaitAsync(ct);
        return string.IsNullOrEmpty(description.ClusterId) ? "unknown" : description.ClusterId;
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
