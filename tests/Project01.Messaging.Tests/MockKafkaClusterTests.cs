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

    [Fact]
    public async Task ATakenPortIsReportedClearly()
    {
        await using var first = MockKafkaCluster.Start(0, []);
        var e = Assert.Throws<InvalidOperationException>(() => MockKafkaCluster.Start(first.Port, []));
        Assert.Contains($"port {first.Port} is already in use", e.Message);
    }
}
