using Microsoft.Extensions.Options;
using Project01.ApiSecurity;
using Project01.Ingest.Workers;
using Project01.LakeTables.Writing;
using Project01.LakeTables.Queries;
using Project01.Ingestion.Replay;
using Project01.Ingestion.Sources;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.Messaging.Kafka;

namespace Project01.Ingest.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Postgres holds the key store every service authenticates against.
        builder.AddNpgsqlDataSource("p01db");
        builder.AddApiSecurity();
        builder.AddDatabaseOutageRecovery(sp => sp.GetRequiredService<Npgsql.NpgsqlDataSource>().Clear());
        builder.Services.AddOptions<LakeWriterOptions>().BindConfiguration(LakeWriterOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddLakehouse();
        builder.Services.AddSingleton<BarQueries>();

        builder.AddKafkaProducer<string, byte[]>("kafka");
        builder.AddKafkaConsumer<string, byte[]>("kafka", c => c.GroupId = builder.Configuration[$"{LakeWriterOptions.Section}:ConsumerGroup"] ?? "lake-writer");

        builder.Services.AddSingleton<MarketReplay>();
        builder.Services.AddSingleton<MacroReplay>();
        builder.Services.AddSingleton<NewsReplay>();
        builder.Services.AddSingleton<BundledReplays>();
        builder.Services.AddSingleton<ReplayJobs>();
        builder.Services.AddSingleton<LakeWriterStats>();
        builder.Services.AddSingleton(LakeSinks.CreateDefault());
        builder.Services.AddSingleton<TopicLakeWriter>();

        builder.AddMarketDataSources();
        builder.Services.AddHostedService<SourcePollingWorker>();
        builder.Services.AddHostedService<SourceStreamWorker>();

        builder.Services.AddHostedService<LakeWriterWorker>();
        builder.Services.AddHostedService<ConsumerLagSampler>();
        builder.Services.AddHostedService<ReplayOnStartWorker>();
    }
}
