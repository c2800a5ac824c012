using System.ComponentModel;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Project01.Cli.Console;
using Project01.Ingestion.Replay;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>The ingest service's replay job, from the command line: a bar file into the <c>ticks</c> topic.</summary>
public sealed class ReplayCommand : AsyncCommand<ReplayCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dataset <NAME>")]
        [Description("a bundled dataset: sp500 or dow30")]
        public string? Dataset { get; init; }

        [CommandOption("--input <CSV>")]
        [Description("a bar file instead of a bundled dataset")]
        public string? Input { get; init; }

        [CommandOption("--symbol <SYMBOL>")]
        [Description("symbol for files without a symbol column")]
        public string? Symbol { get; init; }

        [CommandOption("--bootstrap <HOST:PORT>")]
        [Description("Kafka bootstrap servers (default 127.0.0.1:59092, the AppHost's broker)")]
        public string Bootstrap { get; init; } = "127.0.0.1:59092";

        [CommandOption("--speed <FACTOR>")]
        [Description("0 = as fast as possible (default); s > 0 plays event time s times faster than real time")]
        public double Speed { get; init; }

        public override ValidationResult Validate() =>
            (Dataset is null) == (Input is null) ? ValidationResult.Error("give exactly one of --dataset and --input")
            : Input is not null && string.IsNullOrEmpty(Symbol) ? ValidationResult.Error("--symbol is required with --input")
            : Speed < 0 ? ValidationResult.Error("--speed must be 0 or positive")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var input = settings.Dataset is { } d ? ReplayInput.Bundled(d) : ReplayInput.File(settings.Input!, settings.Symbol!.ToUpperInvariant());
        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace) // logs never mix with the JSON on stdout
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning));
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = settings.Bootstrap, EnableIdempotence = true, LingerMs = 5, BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4, MessageTimeoutMs = 30_000,
        }).Build();
        var replay = new MarketReplay(producer, loggers.CreateLogger<MarketReplay>());

        ReplayResult? result = null;
        await Stderr.Console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"replay {input.DisplayName}", maxValue: 1);
            task.IsIndeterminate = true;
            result = await replay.RunAsync(input, settings.Speed,
                new Progress<ReplayProgress>(p => task.Description = $"replay {input.DisplayName}: {p.Produced:N0} bars, {p.DeadLettered:N0} dead letters"),
                cancellationToken);
            task.IsIndeterminate = false;
            task.Value = 1;
        });
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            source = result!.Source, lines = result.Lines, produced = result.Produced, dead_lettered = result.DeadLettered,
            first_event_time = result.FirstEventTime, last_event_time = result.LastEventTime,
            seconds = result.Elapsed.TotalSeconds, records_per_second = result.RecordsPerSecond,
        }));
        return 0;
    }
}
