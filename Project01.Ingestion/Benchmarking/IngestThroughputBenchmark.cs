using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Project01.Core.Data;
using Project01.Core.Market;
using Project01.LakeTables.Writing;
using Project01.Ingestion.Replay;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.Lake.Storage;
using Project01.LakeTables;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Benchmarking;

public sealed record IngestBenchmarkResult(
    long Records, double Seconds, double RecordsPerSecond, long PeakRssBytes, IReadOnlyList<(long Records, long RssBytes, long ManagedBytes)> RssSamples,
    long LakeRows, long DistinctOffsets, int LakeCommits, int Partitions);

/// <summary>
/// Replay → Kafka → lake, end to end in one process on the embedded broker: serialise bars, produce them, consume them,
/// validate and write Parquet + Delta commits exactly once, then check the lake holds each record once. The input is
/// the bundled real bars (S&P 500 and Dow 30), cycled under suffixed symbols (AA.1, AA.2, …) to reach the requested
/// count: real prices, repeated. The producer keeps at most a window of records ahead of the lake, because the
/// embedded broker drops the oldest data of a partition beyond ~5 MiB.
/// </summary>
public static class IngestThroughputBenchmark
{
    public static async Task<IngestBenchmarkResult> RunAsync(long records, string lakeRoot, int partitions = 8, int window = 400_000,
        IProgress<(long Produced, long Written)>? progress = null, CancellationToken ct = default)
    {
        var source = BundledData.Sp500Bars().Concat(ReadDow30()).ToArray();
        await using var broker = MockKafkaCluster.Start(0, Topics.All.Select(t => t.Name == Topics.Ticks ? (t.Name, partitions) : t));
        var lake = new Lakehouse(new LocalLakeStorage(lakeRoot));
        var stats = new LakeWriterStats();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers, EnableIdempotence = true, LingerMs = 20, BatchNumMessages = 50_000,
            BatchSize = 4 * 1024 * 1024, QueueBufferingMaxMessages = 500_000, CompressionType = CompressionType.Lz4,
        }).Build();
        var consumers = new KafkaConsumerFactory<string, byte[]>(() => new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers, GroupId = "bench-lake-writer", EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest, FetchMaxBytes = 64 * 1024 * 1024, MaxPartitionFetchBytes = 8 * 1024 * 1024,
            QueuedMaxMessagesKbytes = 256 * 1024,
        }).Build());
        var writer = new TopicLakeWriter(consumers, producer, lake, LakeSinks.CreateDefault(), stats,
            Options.Create(new LakeWriterOptions { MaxBatchRecords = 100_000, MaxBatchDelayMs = 250 }), NullLogger<TopicLakeWriter>.Instance);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        var writing = Task.Factory.StartNew(() => writer.RunAsync(broker.ClusterId, stop.Token), TaskCreationOptions.LongRunning).Unwrap();
        var samples = new List<(long, long, long)>();
        long peak = 0;
        var nextSample = records / 10;
        var replay = new MarketReplay(producer, NullLogger<MarketReplay>.Instance);
        await replay.PublishAsync(Rows(source, records), "bench:bundled-bars", speed: 0, progress: null, throttle: async (produced, token) =>
        {
            while (produced - stats.Written > window && !writing.IsCompleted) await Task.Delay(2, token); // stay within what the broker keeps
            if (produced < nextSample) return;
            var rss = Environment.WorkingSet;
            peak = Math.Max(peak, rss);
            // Beside the process's resident set, the managed heap as the last collection left it: what the process keeps,
            // not what the collector has yet to reclaim.
            samples.Add((produced, rss, GC.GetGCMemoryInfo().HeapSizeBytes));
            progress?.Report((produced, stats.Written));
            nextSample += records / 10;
        }, ct);
        producer.Flush(ct);
        while (stats.Written + stats.SkippedDuplicates < records && !writing.IsCompleted)
        {
            peak = Math.Max(peak, Environment.WorkingSet);
            await Task.Delay(10, ct);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await writing;
        peak = Math.Max(peak, Process.GetCurrentProcess().PeakWorkingSet64);

        var check = await new LakeSql(lake).QueryAsync($"SELECT count(*), count(DISTINCT (kafka_partition, kafka_offset, kafka_index)) FROM {LakeCatalog.Bars}", ct: ct);
        return new IngestBenchmarkResult(records, seconds, records / seconds, peak, samples, Convert.ToInt64(check.Rows[0][0]),
            Convert.ToInt64(check.Rows[0][1]), (int)stats.Commits, partitions);
    }

    /// <summary>The source bars cycled under suffixed symbols (AA, AA.1, AA.2, …) until <paramref name="records"/> are given.</summary>
    private static IEnumerable<ParsedBar> Rows(Bar[] source, long records)
    {
        for (long i = 0; i < records; i++)
        {
            var bar = source[i % source.Length];
            var cycle = i / source.Length;
            yield return new ParsedBar(i + 2, cycle == 0 ? bar : bar with { Symbol = string.Concat(bar.Symbol, ".", cycle.ToString(System.Globalization.CultureInfo.InvariantCulture)) }, null);
        }
    }

    private static IEnumerable<Bar> ReadDow30()
    {
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        foreach (var bar in new MarketCsvReader(BundledData.DowJones30Daily, "").ReadStrict(reader)) yield return bar;
    }
}
