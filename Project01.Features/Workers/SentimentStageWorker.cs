using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Project01.LakeTables.Writing;
using Project01.Nlp.Stage;
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
    [FromKeyedServices(SentimentStageWorker.ConsumerKey)] KafkaConsumerFactory<string, byte[]> consumers,
    Lakehouse lake,
    IServiceProvider services,
    IConfiguration configuration,
    ILoggerFactory loggers) : BackgroundService
{
    public const string ConsumerKey = "nlp";
    public const string ConsumerGroup = "features-nlp";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private Task RunAsync(CancellationToken ct)
    {
        // Resolved here, off the start-up path: the topic classifier trains on the bundled Reuters set when first built.
        var analyzer = services.GetRequiredService<TextAnalyzer>();
        LogStarted(loggers.CreateLogger<SentimentStageWorker>(), analyzer.ScorerName);
        var writer = new TopicLakeWriter(consumers, producer: null, lake,
            new LakeSinks([new NewsSentimentSink(analyzer), new TweetSentimentSink(analyzer)]), new LakeWriterStats(),
            Options.Create(new LakeWriterOptions { ConsumerGroup = ConsumerGroup, DeadLetters = false, MaxBatchRecords = 5_000, MaxBatchDelayMs = 500 }),
            loggers.CreateLogger<TopicLakeWriter>());
        return writer.RunUntilStoppedAsync(configuration.GetKafkaBootstrapServers("kafka"), ct);
    }

    [LoggerMessage(LogLevel.Information, "NLP stage scoring news and tweets with {Scorer} into silver.sentiment")]
    private static partial void LogStarted(ILogger logger, string scorer);
}
