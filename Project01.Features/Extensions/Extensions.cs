using Project01.ApiSecurity;
using Microsoft.Extensions.Options;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeaturePipelines;
using Project01.FeatureStore.Registry;
using Project01.Features.Workers;
using Project01.LakeTables.Queries;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.Messaging.Kafka;
using Project01.Nlp.Analysis;
using Project01.Nlp.Entities;
using Project01.Nlp.Sentiment;
using Project01.Nlp.Sentiment.Onnx;
using Project01.Nlp.Topics;

namespace Project01.Features.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("p01db");
        builder.AddRedisClient("online-store");
        builder.AddApiSecurity();
        builder.AddDatabaseOutageRecovery(sp => sp.GetRequiredService<Npgsql.NpgsqlDataSource>().Clear());

        builder.Services.AddOptions<FeatureStreamOptions>().BindConfiguration(FeatureStreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLakehouse();
        builder.Services.AddSingleton<BarQueries>();
        builder.Services.AddSingleton<SentimentQueries>();

        builder.Services.AddSingleton<OfflineFeatureStore>();
        builder.Services.AddSingleton<OnlineFeatureStore>();
        builder.Services.AddSingleton<PriceFeaturePipeline>();
        builder.Services.AddSingleton<MacroFeaturePipeline>();
        builder.Services.AddSingleton<SentimentFeaturePipeline>();
        builder.Services.AddSingleton<FeatureRegistry>();
        builder.Services.AddSingleton<FeatureStreamStatus>();

        // Replicas share the group and split the ticks partitions; each partition it is handed starts where this
        // replica's state ends, not at the group's committed offset (PartitionCoverage).
        builder.Services.AddSingleton(new PartitionCoverage(Topics.Ticks));
        builder.AddKafkaConsumer<string, byte[]>("kafka",
            c => c.GroupId = builder.Configuration[$"{FeatureStreamOptions.Section}:ConsumerGroup"] ?? "features",
            (sp, consumer) =>
            {
                var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger<PartitionCoverage>();
                consumer.FollowCoverage(sp.GetRequiredService<PartitionCoverage>(), change => log.LogInformation("Feature stream partitions {Change}", change));
            });
        builder.Services.AddWorkerHealth();
        builder.Services.AddHostedService<FeatureStreamWorker>();

        // The NLP stage: news and tweets → silver.sentiment (lexicon scorer unless an ONNX model is configured).
        builder.Services.AddOptions<OnnxSentimentOptions>().BindConfiguration(OnnxSentimentOptions.Section);
        builder.Services.AddSingleton(sp => new TextAnalyzer(
            SentimentScorers.Create(sp.GetRequiredService<IOptions<OnnxSentimentOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()),
            new EntityLinker(), TopicClassifier.TrainReuters()));
        builder.AddKeyedKafkaConsumer<string, byte[]>(SentimentStageWorker.ConsumerKey, "kafka", c => c.GroupId = SentimentStageWorker.ConsumerGroup);
        builder.Services.AddHostedService<SentimentStageWorker>();
        builder.Services.AddHostedService<FeatureCompactionWorker>();
        builder.Services.AddHostedService<FeatureRegistryWorker>();
    }
}
