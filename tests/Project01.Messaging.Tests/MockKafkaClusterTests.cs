using Confluent.Kafka;
using Project01.Messaging.Embedded;

namespace Project01.Messaging.Tests;

public sealed class MockKafkaClusterTests
{
    [Fact]
    public async Task ProducesAndConsumesThroughTheFixedPort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = MockKafkaCluster.Start(0, [("t1", 3)]);
        Assert.NotEqual(0, cluster.Port);

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true, LingerMs = 1,
        }).Build();
        for (var i = 0; i < 100; i++)
            await producer.ProduceAsync("t1", new Message<string, string> { Key = $"k{i % 7}", Value = $"v{i}" }, ct);

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "g1", AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe("t1");
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (seen.Count < 100 && DateTime.UtcNow < deadline)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (r is not null) seen.Add(r.Message.Value);
        }
        consumer.Close();
        Assert.Equal(100, seen.Count);
    }

    /// <summary>What scaling Features out relies on: a second member of a group gets a share of the partitions, the
    /// first gives them up, and between them they hold every partition once.</summary>
    [Fact]
    public async Task TwoMembersOfOneGroupSplitThePartitions()
    {
        await using var cluster = MockKafkaCluster.Start(0, [("t", 8)]);
        IConsumer<Ignore, Ignore> Member(HashSet<int> held) => new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers, GroupId = "g", EnableAutoCommit = false, SessionTimeoutMs = 6000, HeartbeatIntervalMs = 1500,
            })
            .SetPartitionsAssignedHandler((_, ps) => { lock (held) held.UnionWith(ps.Select(p => p.Partition.Value)); })
            .SetPartitionsRevokedHandler((_, ps) => { lock (held) held.ExceptWith(ps.Select(p => p.Partition.Value)); })
            .Build();
        var (heldA, heldB) = (new HashSet<int>(), new HashSet<int>());
        using var a = Member(heldA);
        a.Subscribe("t");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (heldA.Count < 8 && DateTime.UtcNow < deadline) a.Consume(TimeSpan.FromMilliseconds(100));
        Assert.Equal(8, heldA.Count);

        using var b = Member(heldB);
        b.Subscribe("t");
        deadline = DateTime.UtcNow.AddSeconds(60);
        while ((heldB.Count == 0 || heldA.Count + heldB.Count != 8) && DateTime.UtcNow < deadline)
        {
            a.Consume(TimeSpan.FromMilliseconds(50));
            b.Consume(TimeSpan.FromMilliseconds(50));
        }
        Assert.NotEmpty(heldA);
        Assert.NotEmpty(heldB);
        Assert.Equal(Enumerable.Range(0, 8), heldA.Concat(heldB).Order());
        b.Close();
        a.Close();
    }

    [Fact]
    public async Task ATakenPortIsReportedClearly()
    {
        await using var first = MockKafkaCluster.Start(0, []);
        var e = Assert.Throws<InvalidOperationException>(() => MockKafkaCluster.Start(first.Port, []));
        Assert.Contains($"port {first.Port} is already in use", e.Message);
    }
}
