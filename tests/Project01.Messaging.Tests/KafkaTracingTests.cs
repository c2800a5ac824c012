using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;

namespace Project01.Messaging.Tests;

public sealed class KafkaTracingTests
{
    [Fact]
    public async Task TraceContextTravelsInHeadersFromProducerToConsumer()
    {
        var ct = TestContext.Current.CancellationToken;
        var recorded = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KafkaTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = recorded.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var cluster = MockKafkaCluster.Start(0, [("traced", 1)]);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        await producer.ProduceTracedAsync("traced", new Message<string, string> { Key = "k", Value = "v" }, ct);

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers, GroupId = "g", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("traced");
        ConsumeResult<string, string>? result = null;
        for (var i = 0; i < 100 && result is null; i++) result = consumer.Consume(TimeSpan.FromMilliseconds(200));
        Assert.NotNull(result);

        var produce = Assert.Single(recorded, a => a.Kind == ActivityKind.Producer);
        Assert.True(result.Message.Headers.TryGetLastBytes("traceparent", out var header));
        Assert.Contains(produce.TraceId.ToString(), Encoding.UTF8.GetString(header));

        using (var consume = KafkaTracing.StartConsume(result, "g"))
        {
            Assert.NotNull(consume);
            Assert.Equal(produce.TraceId, consume.TraceId);
            Assert.Equal(produce.SpanId, consume.ParentSpanId);
            Assert.Equal("traced", consume.GetTagItem("messaging.destination.name"));
        }
        consumer.Close();
    }
}
