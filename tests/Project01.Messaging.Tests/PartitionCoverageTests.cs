using Confluent.Kafka;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;

namespace Project01.Messaging.Tests;

/// <summary>A member handed a partition starts where its own state ends (the sink's coverage, then its progress), not
/// at the group's committed offset, which another member may have moved past what this one has seen.</summary>
public sealed class PartitionCoverageTests
{
    private static TopicPartition P(int partition) => new("t", partition);

    [Fact]
    public async Task AnAssignedPartitionStartsWhereTheSinkEndsNotWhereTheGroupCommitted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = MockKafkaCluster.Start(0, [("t", 2)]);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
                foreach (var p in new[] { 0, 1 })
                    await producer.ProduceAsync(P(p), new Message<Null, string> { Value = $"{p}:{i}" }, ct);
        }
        // The sink (a lake writer) holds offsets below 4 and 6; the group (another replica) got to 9 on both.
        Commit(cluster, "sink", [new(P(0), 4), new(P(1), 6)]);
        Commit(cluster, "g", [new(P(0), 9), new(P(1), 9)]);

        var coverage = new PartitionCoverage("t");
        coverage.Reset(ConsumerLag.Committed(cluster.BootstrapServers, "sink", "t", TimeSpan.FromSeconds(10)));
        using var consumer = new ConsumerBuilder<Null, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "g", EnableAutoCommit = false, AutoOffsetReset = AutoOffsetReset.Latest,
        }).FollowCoverage(coverage).Build();
        consumer.Subscribe("t");
        var first = new Dictionary<int, long>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (first.Count < 2 && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } r) first.TryAdd(r.Partition.Value, r.Offset.Value);

        Assert.Equal(new Dictionary<int, long> { [0] = 4, [1] = 6 }, first);
        Assert.Equal([0, 1], coverage.Assigned);
        Assert.False(coverage.Stale);
        consumer.Close();
        Assert.Empty(coverage.Assigned);
    }

    [Fact]
    public void ProgressMovesTheStartForwardOnlyAndADroppedRangeMarksTheStateStale()
    {
        var coverage = new PartitionCoverage("t");
        coverage.Reset(new Dictionary<int, long> { [0] = 4 });
        coverage.Advance([new TopicPartitionOffset(P(0), 12), new TopicPartitionOffset(P(1), 3), new TopicPartitionOffset(new TopicPartition("other", 0), 99)]);
        coverage.Advance([new TopicPartitionOffset(P(0), 7)]); // a batch read again: never backwards

        var starts = coverage.Assign([P(0), P(1), P(2)], _ => 0);
        Assert.Equal([12L, 3L, Offset.Beginning.Value], starts.Select(s => s.Offset.Value));
        Assert.False(coverage.Stale);

        coverage.Revoke([P(0), P(1), P(2)]);
        coverage.Assign([P(0)], tp => tp.Partition.Value == 0 ? 20 : 0); // the broker dropped offsets 12..19
        Assert.True(coverage.Stale);
        coverage.Accept();
        Assert.False(coverage.Stale);

        coverage.Reset(new Dictionary<int, long>());
        Assert.Equal([Offset.Beginning.Value], coverage.Assign([P(0)], _ => 20).Select(s => s.Offset.Value)); // nothing in the sink: all there is
        Assert.False(coverage.Stale);
    }

    private static void Commit(MockKafkaCluster cluster, string group, List<TopicPartitionOffset> offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = group, EnableAutoCommit = false,
        }).Build();
        consumer.Commit(offsets);
    }
}
