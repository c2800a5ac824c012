using System.ComponentModel;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Cli.Console;
using Project01.LakeTables.Writing;
using Project01.Messaging.Kafka;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Lake;

/// <summary>The ingest service's lake writer as a command: consumes the topics into the bronze tables exactly once.</summary>
public sealed class LakeWriteCommand : AsyncCommand<LakeWriteCommand.Settings>
{
    public sealed class Settings : LakeSettings
    {
        [CommandOption("--bootstrap <HOST:PORT>")]
        [Description("Kafka bootstrap servers (default 127.0.0.1:59092)")]
        public string Bootstrap { get; init; } = "127.0.0.1:59092";

        [CommandOption("--group <GROUP>")]
        [Description("consumer group (default lake-writer)")]
        public string Group { get; init; } = "lake-writer";

        [CommandOption("--until-idle <SECONDS>")]
        [Description("stop after this many seconds without new records (default: run until Ctrl+C)")]
        public double? UntilIdle { get; init; }

        [CommandOption("--batch <MESSAGES>")]
        [Description("most messages per lake commit (default 100000; a replay message carries up to 500 bars)")]
        public int Batch { get; init; } = 100_000;

        public override ValidationResult Validate() =>
            UntilIdle is <= 0 ? ValidationResult.Error("--until-idle must be positive")
            : Batch < 1 ? ValidationResult.Error("--batch must be positive")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        var consumers = new KafkaConsumerFactory<string, byte[]>(() => new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = settings.Bootstrap, GroupId = settings.Group, EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest, SessionTimeoutMs = 6000, HeartbeatIntervalMs = 1500,
        }).Build());
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = settings.Bootstrap, EnableIdempotence = true }).Build();
        var stats = new LakeWriterStats();
        var writer = new TopicLakeWriter(consumers, producer, settings.OpenLake(), LakeSinks.CreateDefault(), stats, Options.Create(new LakeWriterOptions { MaxBatchRecords = settings.Batch }),
            loggers.CreateLogger<TopicLakeWriter>());
        var clusterId = await KafkaClusterInfo.GetClusterIdAsync(settings.Bootstrap, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Task.Factory.StartNew(() => writer.RunAsync(clusterId, stop.Token), TaskCreationOptions.LongRunning).Unwrap();
        var lastProgress = DateTime.UtcNow;
        long lastSeen = -1;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(200, CancellationToken.None));
            var seen = stats.Written + stats.SkippedDuplicates + stats.DeadLettered;
            if (seen != lastSeen) (lastSeen, lastProgress) = (seen, DateTime.UtcNow);
            if (settings.UntilIdle is { } idle && DateTime.UtcNow - lastProgress > TimeSpan.FromSeconds(idle)) await stop.CancelAsync();
        }
        await run;
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            written = stats.Written, skipped_duplicates = stats.SkippedDuplicates, dead_lettered = stats.DeadLettered,
            commits = stats.Commits, lake_version = stats.LastVersion,
        }));
        return 0;
    }
}
