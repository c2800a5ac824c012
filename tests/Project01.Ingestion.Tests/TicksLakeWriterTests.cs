using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Project01.Ingestion.LakeWriting;
using Project01.Ingestion.Queries;
using Project01.Ingestion.Replay;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Tests;

public sealed class TicksLakeWriterTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static async Task RunUntilAsync(Func<CancellationToken, Task> run, Func<bool> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource();
        var task = Task.Run(() => run(cts.Token));
        var deadline = DateTime.UtcNow + timeout;
        while (!done() && DateTime.UtcNow < deadline && !task.IsCompleted) await Task.Delay(50);
        await cts.CancelAsync();
        await task;
    }

    [Fact]
    public async Task EveryRecordLandsOnceEvenWhenTheWholeTopicIsRedelivered()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var replayed = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.Bundled("sp500"), ct: _ct);
        var lake = kit.Lake;

        var first = new LakeWriterStats();
        using (var consumer = kit.Consumer("writer-a"))
            await RunUntilAsync(ct => kit.Writer(consumer, producer, first, lake).RunAsync(kit.Cluster.ClusterId, ct),
                () => first.Written >= replayed.Produced, TimeSpan.FromSeconds(60));
        Assert.Equal(replayed.Produced, first.Written);

        // A second writer in a fresh group gets every offset again (as after losing committed offsets): it must skip them all.
        var second = new LakeWriterStats();
        using (var consumer = kit.Consumer("writer-b"))
            await RunUntilAsync(ct => kit.Writer(consumer, producer, second, lake).RunAsync(kit.Cluster.ClusterId, ct),
                () => second.SkippedDuplicates >= replayed.Produced, TimeSpan.FromSeconds(60));
        Assert.Equal(0, second.Written);
        Assert.Equal(replayed.Produced, second.SkippedDuplicates);

        var bars = await new BarQueries(lake).GetBarsAsync("SPX", ct: _ct);
        Assert.Equal(5105, bars.Count);
        Assert.Equal(5105L, await new BarQueries(lake).CountFromSourceAsync("replay:sp500-daily-2000-2020.csv", _ct));
        var table = (await lake.OpenTableAsync(TicksTable.Name, _ct))!;
        Assert.Equal(5105, (await table.RefreshAsync(_ct)).NumRecords);
    }

    [Fact]
    public async Task UndecodableRecordsOnTheTopicAreDeadLetteredAndTheRestLands()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var good = RecordJson.Serialize(new BarRecord
        {
            Symbol = "TST", EventTime = new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc), IngestTime = DateTime.UtcNow,
            Open = 10, High = 11, Low = 9, Close = 10.5, Volume = 100, Source = "test",
        });
        await producer.ProduceAsync(Topics.Ticks, new Message<string, byte[]> { Key = "TST", Value = "{not json"u8.ToArray() }, _ct);
        await producer.ProduceAsync(Topics.Ticks, new Message<string, byte[]> { Key = "TST", Value = good }, _ct);
        await producer.ProduceAsync(Topics.Ticks, new Message<string, byte[]> { Key = "TST", Value = """{"v":9,"kind":"bar"}"""u8.ToArray() }, _ct);

        var stats = new LakeWriterStats();
        var lake = kit.Lake;
        using (var consumer = kit.Consumer("writer"))
            await RunUntilAsync(ct => kit.Writer(consumer, producer, stats, lake).RunAsync(kit.Cluster.ClusterId, ct),
                () => stats.Written + stats.DeadLettered >= 3, TimeSpan.FromSeconds(30));

        Assert.Equal(1, stats.Written);
        Assert.Equal(2, stats.DeadLettered);
        var dead = kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 2, TimeSpan.FromSeconds(10)).Select(r => RecordJson.DeserializeDeadLetter(r.Message.Value)!).ToList();
        Assert.Equal(2, dead.Count);
        Assert.Contains(dead, d => d.Payload == "{not json" && d.Reason.Contains("not a valid bar record"));
        Assert.Contains(dead, d => d.Reason.Contains("schema version"));
        Assert.All(dead, d => Assert.StartsWith("kafka:ticks:", d.Source));
    }
}
