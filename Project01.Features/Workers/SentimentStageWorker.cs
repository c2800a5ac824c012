using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Project01.Ingestion.LakeWriting;
using Project01.Ingestion.Sentiment;
using Project01.Lake;
using Project01.Messaging.Kafka;
using Project01.Nlp.Analysis;

namespace Project01.Features.Workers;

/// <summary>
/// The NLP stage: follows <c>news</c> and <c>tweets</c> in its own consumer group, scores, links and classifies every
/// text, and writes the results to <c>silver.sentiment</c> exactly once (the lake writer's machinery, without dead
/// letters: the bronze writer already sends those). The registry worker turns the table into the sentiment view.
/// </summary>
public sealed partial class SentimentStageWorker(
    [FromKeyedServices(SentimentStageWorker.ConsumerKey)] IConsumer<string, byte[]> consumer,
    Lakehouse lake,
    IServiceProvider services,
    SentimentStageStats stats,
    IConfiguration configuration,
    ILoggerFactory loggers) : BackgroundService
{
    public const string ConsumerKey = "nlp";
    public const string ConsumerGroup = "features-nlp";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken ct)
    {
        var logger = loggers.CreateLogger<SentimentStageWorker>();
        // Resolved here, off the start-up path: the topic classifier trains on the bundled Reuters set when first built.
        var analyzer = services.GetRequiredService<TextAnalyzer>();
        LogStarted(logger, analyzer.ScorerName);
        var bootstrap = configuration.GetKafkaBootstrapServers("kafka");
        var writer = new TopicLakeWriter(consumer, producer: null, lake,
            new LakeSinks([new NewsSentimentSink(analyzer), new TweetSentimentSink(analyzer)]), stats.Writer,
            Options.Create(new LakeWriterOptions { ConsumerGroup = ConsumerGroup, DeadLetters = false, MaxBatchRecords = 5_000, MaxBatchDelayMs = 500 }),
            loggers.CreateLogger<TopicLakeWriter>());
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await KafkaClusterInfo.EnsureTopicsAsync(bootstrap, Topics.All, ct);
                await writer.RunAsync(await KafkaClusterInfo.GetClusterIdAsync(bootstrap, ct), ct);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e); // the table and the offsets agree at every commit: starting over is safe
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "NLP stage scoring news and tweets with {Scorer} into silver.sentiment")]
    private static partial void LogStarted(ILogger logger, string scorer);

    [LoggerMessage(LogLevel.Error, "NLP stage failed; restarting from the last committed offsets")]
    private static partial void LogFailed(ILogger logger, Exception e);
}

/// <summary>The NLP stage's counters, for the status API.</summary>
public sealed class SentimentStageStats
{
    public LakeWriterStats Writer { get; } = new();
}
