using System.ComponentModel;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.Ingestion.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>Measures replay → Kafka → lake throughput and memory on this machine (embedded broker, in one process).</summary>
public sealed class BenchIngestCommand : AsyncCommand<BenchIngestCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--records <N>")]
        [Description("records to push through (default 10,000,000)")]
        public long Records { get; init; } = 10_000_000;

        [CommandOption("--partitions <N>")]
        [Description("partitions of the ticks topic (default 8)")]
        public int Partitions { get; init; } = 8;

        [CommandOption("--lake <DIR>")]
        [Description("lake directory (default: a new temporary one, deleted afterwards)")]
        public string? Lake { get; init; }

        public override ValidationResult Validate() => Records < 1 || Partitions < 1 ? ValidationResult.Error("--records and --partitions must be positive") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var lake = settings.Lake ?? Path.Combine(Path.GetTempPath(), "p01-bench-" + Guid.NewGuid().ToString("N")[..8]);
        IngestBenchmarkResult? result = null;
        try
        {
            await Stderr.Console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("replay → Kafka → lake", maxValue: settings.Records);
                result = await IngestThroughputBenchmark.RunAsync(settings.Records, lake, settings.Partitions,
                    progress: new Progress<(long Produced, long Written)>(p => task.Value = p.Written), ct: cancellationToken);
                task.Value = settings.Records;
            });
        }
        finally
        {
            if (settings.Lake is null && Directory.Exists(lake)) Directory.Delete(lake, recursive: true);
        }
        var r = result!;
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            records = r.Records, seconds = Math.Round(r.Seconds, 2), records_per_second = Math.Round(r.RecordsPerSecond),
            peak_rss_mib = r.PeakRssBytes / (1024 * 1024), rss_mib_by_records = r.RssSamples.Select(s => new { records = s.Records, rss_mib = s.RssBytes / (1024 * 1024), managed_heap_after_gc_mib = s.ManagedBytes / (1024 * 1024) }),
            lake_rows = r.LakeRows, distinct_offsets = r.DistinctOffsets, lake_commits = r.LakeCommits, partitions = r.Partitions,
            cores = Environment.ProcessorCount,
        }));
        return r.LakeRows == r.Records && r.DistinctOffsets == r.Records ? 0 : 4;
    }
}
