using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Project01.LakeTables.Writing;
using Project01.Nlp.Stage;
using Project01.Lake.Sql;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using Project01.Nlp.Analysis;
using Project01.Nlp.Entities;
using Project01.Nlp.Sentiment.Lexicon;
using Project01.Tests.Kafka;

using KafkaTopics = Project01.Messaging.Kafka.Topics;

namespace Project01.Nlp.Tests;

/// <summary>The NLP stage's table: scored, linked rows per text and symbol, exactly once, no dead letters of its own.</summary>
public sealed class SentimentStageTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTime Now = new(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc);

    private static TextAnalyzer Analyzer() => new(new LexiconSentimentScorer(), new EntityLinker(), topics: null);

    [Fact]
    public async Task NewsAndTweetsAreScoredAndLinkedOncePerSymbol()
    {
        await using var kit = KafkaTestKit.Start();
        using var producer = kit.Producer();
        await producer.ProduceAsync(KafkaTopics.News, Message("n1", RecordJson.Serialize(new NewsRecord
        {
            Id = "n1", Source = "test", EventTime = Now, IngestTime = Now,
            Headline = "Exxon profit soars, beats estimates", Body = "International Business Machines also gains.",
        })), _ct);
        await producer.ProduceAsync(KafkaTopics.Tweets, Message("t1", RecordJson.Serialize(new TweetRecord
        {
            Id = "t1", AuthorId = "a", EventTime = Now, IngestTime = Now, Text = "$GE plunges after weak guidance, terrible quarter", Cashtags = ["GE"], Source = "test",
        })), _ct);
        await producer.ProduceAsync(KafkaTopics.News, Message("bad", """{"v":1,"kind":"news","id":"bad"}"""u8.ToArray()), _ct);
        await producer.ProduceAsync(KafkaTopics.News, Message("n2", RecordJson.Serialize(new NewsRecord
        {
            Id = "n2", Source = "test", EventTime = Now, IngestTime = Now, Headline = "Markets were quiet today",
        })), _ct);

        var lake = kit.Lake;
        await RunStageAsync(kit, "nlp-a", lake, expectedRows: 4);
        await RunStageAsync(kit, "nlp-b", lake, expectedRows: 0); // a fresh group re-reads everything: nothing lands twice

        var rows = (await new LakeSql(lake).QueryAsync("SELECT doc_id, kind, symbol, score, label, scorer FROM silver.sentiment ORDER BY doc_id, symbol", ct: _ct)).Rows;
        Assert.Equal(["n1/IBM", "n1/XOM", "n2/", "t1/GE"], rows.Select(r => $"{r[0]}/{r[2]}"));
        Assert.All(rows, r => Assert.Equal("lexicon:afinn-financialmarketnews", r[5]));
        var exxon = rows.Single(r => (string?)r[2] == "XOM");
        Assert.True((double)exxon[3]! > 0, "a profit that soars is good news");
        Assert.Equal("positive", exxon[4]);
        var ge = rows.Single(r => (string?)r[2] == "GE");
        Assert.Equal("tweet", ge[1]);
        Assert.True((double)ge[3]! < 0, "a plunge on weak guidance is bad news");
        Assert.Empty(kit.ReadAll(KafkaTopics.DeadLetter(KafkaTopics.News), 1, TimeSpan.FromSeconds(1))); // the bronze writer's job
    }

    private async Task RunStageAsync(KafkaTestKit kit, string group, Project01.Lake.Lakehouse lake, int expectedRows)
    {
        var stats = new LakeWriterStats();
        var writer = new TopicLakeWriter(kit.Consumers(group), producer: null, lake,
            new LakeSinks([new NewsSentimentSink(Analyzer()), new TweetSentimentSink(Analyzer())]), stats,
            Options.Create(new LakeWriterOptions { DeadLetters = false, MaxBatchDelayMs = 100 }), NullLogger<TopicLakeWriter>.Instance);
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => writer.RunAsync(kit.Cluster.ClusterId, cts.Token));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // 4 messages: 3 valid (one of them two rows), 1 rejected; redelivered ones count as skipped.
        while (stats.Written + stats.SkippedDuplicates + stats.DeadLettered < 4 && DateTime.UtcNow < deadline && !run.IsCompleted) await Task.Delay(50);
        await cts.CancelAsync();
        await run;
        Assert.Equal(expectedRows, stats.Written);
        Assert.Equal(1, stats.DeadLettered);
    }

    private static Message<string, byte[]> Message(string key, byte[] value) => new() { Key = key, Value = value };
}
