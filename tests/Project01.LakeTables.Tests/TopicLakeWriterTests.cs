using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Project01.LakeTables.Writing;
using Project01.LakeTables.Writing.Sinks;
using Project01.LakeTables.Queries;
using Project01.Ingestion.Replay;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using Project01.Tests.Kafka;

namespace Project01.LakeTables.Tests;

public sealed class TopicLakeWriterTests
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
    public async Task AReplayedRecordsTraceLeadsFromItsPublishSpanIntoTheLakeBatchesThatWroteIt()
    {
        var stopped = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaTracing.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var replayed = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.Bundled("sp500"), ct: _ct);
        var stats = new LakeWriterStats();
        await RunUntilAsync(ct => kit.Writer("writer-traced", producer, stats, kit.Lake).RunAsync(kit.Cluster.ClusterId, ct),
            () => stats.Written >= replayed.Produced, TimeSpan.FromSeconds(60));

        // The replay is one publish span whose context rides in every message; every batch the writer committed links to it.
        var publish = Assert.Single(stopped, a => a.DisplayName == $"{Topics.Ticks} publish" && (string?)a.GetTagItem("project01.replay.source") is not null
            && stopped.Any(w => w.DisplayName == TopicLakeWriter.LakeWriteSpan && w.Links.Any(l => l.Context.TraceId == a.TraceId)));
        var writes = stopped.Where(w => w.DisplayName == TopicLakeWriter.LakeWriteSpan && w.Links.Any(l => l.Context.TraceId == publish.TraceId)).ToList();
        var messages = kit.ReadAll(Topics.Ticks, int.MaxValue, TimeSpan.FromSeconds(5)).Count;
        Assert.Equal(messages, writes.Sum(w => Convert.ToInt64(w.GetTagItem("messaging.batch.message_count"))));
        Assert.All(writes, w => Assert.Equal(System.Diagnostics.ActivityKind.Consumer, w.Kind));
    }

    [Fact]
    public async Task EveryRecordLandsOnceEvenWhenTheWholeTopicIsRedelivered()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var replayed = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.Bundled("sp500"), ct: _ct);
        var lake = kit.Lake;

        var first = new LakeWriterStats();
        await RunUntilAsync(ct => kit.Writer("writer-a", producer, first, lake).RunAsync(kit.Cluster.ClusterId, ct),
            () => first.Written >= replayed.Produced, TimeSpan.FromSeconds(60));
        Assert.Equal(replayed.Produced, first.Written);

        // A second writer in a fresh group gets every offset again (as after losing committed offsets): it must skip them all.
        var messages = kit.ReadAll(Topics.Ticks, int.MaxValue, TimeSpan.FromSeconds(5)).Count;
        var second = new LakeWriterStats();
        await RunUntilAsync(ct => kit.Writer("writer-b", producer, second, lake).RunAsync(kit.Cluster.ClusterId, ct),
            () => second.SkippedDuplicates >= messages, TimeSpan.FromSeconds(60));
        Assert.Equal(0, second.Written);
        Assert.Equal(messages, second.SkippedDuplicates);

        var bars = await new BarQueries(lake).GetBarsAsync("SPX", ct: _ct);
        Assert.Equal(5105, bars.Count);
        var distinct = await new Project01.Lake.Sql.LakeSql(lake).QueryAsync(
            "SELECT count(DISTINCT event_time) FROM raw.bars WHERE source = 'replay:sp500-daily-2000-2020.csv'", ct: _ct);
        Assert.Equal(5105L, Convert.ToInt64(distinct.Rows[0][0]));
        var table = (await lake.OpenTableAsync(LakeCatalog.Bars, _ct))!;
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
        byte[] notUtf8 = [0xC3, 0x28, (byte)'{', 0xFF];
        await producer.ProduceAsync(Topics.Ticks, new Message<string, byte[]> { Key = "TST", Value = notUtf8 }, _ct);

        var stats = new LakeWriterStats();
        var lake = kit.Lake;
        await RunUntilAsync(ct => kit.Writer("writer", producer, stats, lake).RunAsync(kit.Cluster.ClusterId, ct),
            () => stats.Written + stats.DeadLettered >= 4, TimeSpan.FromSeconds(30));

        Assert.Equal(1, stats.Written);
        Assert.Equal(3, stats.DeadLettered);
        var dead = kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 3, TimeSpan.FromSeconds(10)).Select(r => RecordJson.DeserializeDeadLetter(r.Message.Value)!).ToList();
        Assert.Equal(3, dead.Count);
        Assert.Contains(dead, d => d.Payload == "{not json" && d.PayloadEncoding is null && d.Reason.Contains("not a JSON record with a string 'kind'"));
        // Bytes that are not UTF-8 are kept exactly (base64), not replaced by U+FFFD.
        var binary = Assert.Single(dead, d => d.PayloadEncoding == DeadLetterRecord.Base64);
        Assert.Equal(notUtf8, binary.PayloadBytes());
        Assert.Contains(dead, d => d.Reason.Contains("schema version"));
        Assert.All(dead, d => Assert.StartsWith("kafka:ticks:", d.Source));
    }

    [Fact]
    public async Task EachKindLandsInItsOwnTableAndStrangersAreDeadLettered()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        var t = new DateTime(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc);
        var now = DateTime.UtcNow;
        async Task Send(string topic, string key, byte[] value) =>
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value }, _ct);
        await Send(Topics.Ticks, "AAPL", RecordJson.Serialize(new TradeRecord { Symbol = "AAPL", EventTime = t, IngestTime = now, Price = 180.5, Size = 100, Source = "test" }));
        await Send(Topics.Ticks, "AAPL", RecordJson.Serialize(new QuoteRecord
        {
            Symbol = "AAPL", EventTime = t, IngestTime = now, BidPrice = 180.4, BidSize = 3, AskPrice = 180.6, AskSize = 5, Source = "test",
        }));
        await Send(Topics.Ticks, "AAPL", """{"v":1,"kind":"tweet","id":"1"}"""u8.ToArray());
        await Send(Topics.News, "n1", RecordJson.Serialize(new NewsRecord
        {
            Id = "n1", Source = "test", EventTime = t, IngestTime = now, Headline = "Apple beats estimates", Symbols = ["AAPL"],
        }));
        await Send(Topics.Fundamentals, "GDP", RecordJson.Serialize(new FundamentalRecord
        {
            SeriesId = "GDP", ObservationDate = new DateOnly(2023, 12, 31), PublishedDate = new DateOnly(2024, 1, 25),
            EventTime = new DateTime(2024, 1, 25, 0, 0, 0, DateTimeKind.Utc), IngestTime = now, Value = 27_956.998, Units = "bn USD", Source = "test",
        }));

        var stats = new LakeWriterStats();
        var lake = kit.Lake;
        await RunUntilAsync(ct => kit.Writer("writer", producer, stats, lake).RunAsync(kit.Cluster.ClusterId, ct),
            () => stats.Written + stats.DeadLettered >= 5, TimeSpan.FromSeconds(30));

        Assert.Equal((4L, 1L), (stats.Written, stats.DeadLettered));
        var sql = new Project01.Lake.Sql.LakeSql(lake);
        Assert.Equal(180.5, (await sql.QueryAsync("SELECT price FROM raw.trades", ct: _ct)).Rows.Single()[0]);
        Assert.Equal(180.6, (await sql.QueryAsync("SELECT ask_price FROM raw.quotes", ct: _ct)).Rows.Single()[0]);
        Assert.Equal("AAPL", (await sql.QueryAsync("SELECT symbols FROM raw.news", ct: _ct)).Rows.Single()[0]);
        Assert.Equal("2024-01-25", Project01.Lake.Sql.LakeSql.Format((await sql.QueryAsync("SELECT published_date FROM raw.fundamentals", ct: _ct)).Rows.Single()[0]));
        var dead = kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 1, TimeSpan.FromSeconds(10)).Select(r => RecordJson.DeserializeDeadLetter(r.Message.Value)!).Single();
        Assert.Contains("kind 'tweet' does not belong on topic 'ticks'", dead.Reason);
    }

    [Fact]
    public async Task AfterTheBrokerRestartsEmptyItsNewRecordsLandAndNothingIsSkippedOrDuplicated()
    {
        await using var kit = KafkaTestKit.Start();
        var lake = kit.Lake;
        var stats = new LakeWriterStats();
        using var cts = new CancellationTokenSource();
        // One key, so both incarnations write the same partition: the second one's offsets start at 0 again.
        async Task ProduceAsync(string symbol, int count)
        {
            using var producer = kit.Producer();
            for (var i = 0; i < count; i++)
                await producer.ProduceAsync(Topics.Ticks, new Message<string, byte[]>
                {
                    Key = "same-partition",
                    Value = RecordJson.Serialize(new BarRecord
                    {
                        Symbol = symbol, EventTime = new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc).AddDays(i), IngestTime = DateTime.UtcNow,
                        Open = 10 + i, High = 11 + i, Low = 9 + i, Close = 10.5 + i, Volume = 100, Source = "test",
                    }),
                }, _ct);
        }
        using var writerProducer = kit.Producer();
        await ProduceAsync("OLD", 30);
        var writer = Task.Run(() => kit.Writer("writer", writerProducer, stats, lake).RunUntilStoppedAsync(kit.Cluster.BootstrapServers, cts.Token), _ct);
        await WaitUntilAsync(() => stats.Written >= 30);

        var before = kit.Cluster.ClusterId;
        await kit.RestartBrokerAsync();
        Assert.NotEqual(before, kit.Cluster.ClusterId);
        await ProduceAsync("NEW", 20);
        await WaitUntilAsync(() => stats.Written >= 50);
        await cts.CancelAsync();
        await writer;

        var rows = (await new Project01.Lake.Sql.LakeSql(lake).QueryAsync(
            "SELECT symbol, count(*), count(DISTINCT event_time) FROM raw.bars GROUP BY symbol ORDER BY symbol", ct: _ct)).Rows;
        Assert.Equal([["NEW", 20L, 20L], ["OLD", 30L, 30L]], rows.Select(r => new object[] { r[0]!, Convert.ToInt64(r[1]), Convert.ToInt64(r[2]) }));
        Assert.Equal(50, stats.Written);

        async Task WaitUntilAsync(Func<bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!done() && DateTime.UtcNow < deadline && !writer.IsCompleted) await Task.Delay(50, _ct);
            Assert.True(done(), $"the lake writer got to {stats.Written} rows (skipped {stats.SkippedDuplicates}, dead-lettered {stats.DeadLettered}); writer {(writer.IsFaulted ? writer.Exception!.ToString() : writer.Status.ToString())}");
        }
    }

    [Fact]
    public async Task AFailedCommitIsRetriedWithAFreshConsumerAndNothingIsWrittenTwice()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        // Fundamentals first, so that the batch whose bars commit fails also holds rows for another table.
        const int quarters = 40;
        for (var q = 0; q < quarters; q++)
        {
            var observed = new DateOnly(2000, 3, 31).AddMonths(3 * q);
            var published = observed.AddDays(30);
            await producer.ProduceAsync(Topics.Fundamentals, new Message<string, byte[]>
            {
                Key = "GDP",
                Value = RecordJson.Serialize(new FundamentalRecord
                {
                    SeriesId = "GDP", ObservationDate = observed, PublishedDate = published, EventTime = published.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    IngestTime = DateTime.UtcNow, Value = 10_000 + q, Units = "bn USD", Source = "test",
                }),
            }, _ct);
        }
        var replayed = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.Bundled("sp500"), ct: _ct);
        var storage = new FailingCommitStorage(new Project01.Lake.Storage.LocalLakeStorage(kit.LakeRoot), "raw/bars/_delta_log/", failures: 1);
        var lake = new Project01.Lake.Lakehouse(storage);

        // The writer's own restart loop: after the failed commit it starts over from the committed offsets.
        var stats = new LakeWriterStats();
        await RunUntilAsync(ct => kit.Writer("writer", producer, stats, lake).RunUntilStoppedAsync(kit.Cluster.BootstrapServers, ct),
            () => stats.Written >= replayed.Produced + quarters, TimeSpan.FromSeconds(120));

        Assert.Equal(1, storage.Failed);
        var sql = new Project01.Lake.Sql.LakeSql(lake);
        var bars = (await sql.QueryAsync("SELECT count(*), count(DISTINCT event_time) FROM raw.bars", ct: _ct)).Rows.Single();
        Assert.Equal([5105L, 5105L], bars.Select(Convert.ToInt64));
        var macro = (await sql.QueryAsync("SELECT count(*), count(DISTINCT observation_date) FROM raw.fundamentals", ct: _ct)).Rows.Single();
        Assert.Equal([(long)quarters, quarters], macro.Select(Convert.ToInt64));
        Assert.Equal(replayed.Produced + quarters, stats.Written);
    }
}
