using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.LakeTables.Writing;

namespace Project01.Tests.Kafka;

/// <summary>The kit's temporary lake and the platform's Kafka → lake writer over it.</summary>
public sealed partial class KafkaTestKit
{
    public string LakeRoot { get; } = TestPaths.NewTempDirectory("ingest-lake");
    public Lakehouse Lake => new(new LocalLakeStorage(LakeRoot));

    public TopicLakeWriter Writer(string group, IProducer<string, byte[]> producer, LakeWriterStats stats, Lakehouse lake) =>
        new(Consumers(group), producer, lake, LakeSinks.CreateDefault(), stats, Options.Create(new LakeWriterOptions { MaxBatchRecords = 1000, MaxBatchDelayMs = 100 }),
            NullLogger<TopicLakeWriter>.Instance);

    partial void DeleteLake()
    {
        try { Directory.Delete(LakeRoot, recursive: true); } catch (IOException) { }
    }
}
