using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

/// <summary>How far a consumer group is behind on one topic: end offsets minus committed offsets, summed over partitions.</summary>
public sealed record TopicLag(string Group, string Topic, int Partitions, long EndOffset, long Committed, long Lag);

/// <summary>
/// Reads consumer-group lag the way <c>kafka-consumer-groups --describe</c> does: committed offsets of the group
/// (OffsetFetch, without joining the group, so it never triggers a rebalance) against each partition's high watermark.
/// A partition the group has not committed on counts from its low watermark.
/// </summary>
public static class ConsumerLag
{
    /// <summary>A group's committed offsets on one topic (partition → next offset to read); partitions it never
    /// committed on are left out. Read without joining the group.</summary>
    public static IReadOnlyDictionary<int, long> Committed(string bootstrapServers, string group, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).SetLogHandler(static (_, _) => { }).Build();
        var partitions = PartitionsOf(admin.GetMetadata(topic, timeout), topic);
        if (partitions.Count == 0) return new Dictionary<int, long>();
        using var consumer = OffsetReader(bootstrapServers, group);
        return consumer.Committed(partitions, timeout).Where(c => c.Offset.Value >= 0).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    public static IReadOnlyList<TopicLag> Read(string bootstrapServers, string group, IEnumerable<string> topics, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).SetLogHandler(static (_, _) => { }).Build();
        var metadata = admin.GetMetadata(timeout);
        using var consumer = OffsetReader(bootstrapServers, group);
        var result = new List<TopicLag>();
        foreach (var topic in topics)
        {
            var partitions = PartitionsOf(metadata, topic);
            if (partitions.Count == 0) continue;
            var committed = consumer.Committed(partitions, timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
            long end = 0, done = 0;
            foreach (var tp in partitions)
            {
                var marks = consumer.QueryWatermarkOffsets(tp, timeout);
                end += marks.High.Value;
                done += committed.TryGetValue(tp.Partition.Value, out var c) && c.Value >= 0 ? c.Value : marks.Low.Value;
            }
            result.Add(new TopicLag(group, topic, partitions.Count, end, done, Math.Max(0, end - done)));
        }
        return result;
    }

    private static List<TopicPartition> PartitionsOf(Metadata metadata, string topic) =>
        metadata.Topics.FirstOrDefault(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError)?.Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList() ?? [];

    // OffsetFetch in the group's name without joining it (no rebalance).
    private static IConsumer<Ignore, Ignore> OffsetReader(string bootstrapServers, string group) =>
        new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group, EnableAutoCommit = false })
            .SetLogHandler(static (_, _) => { }).Build();
}
