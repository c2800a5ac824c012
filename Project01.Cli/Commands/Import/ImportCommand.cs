using System.ComponentModel;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Project01.Cli.Console;
using Project01.Core.Market;
using Project01.Core.Market.CorporateActions;
using Project01.Ingestion.Import;
using Project01.Ingestion.Replay;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Import;

/// <summary>
/// A directory of vendor bar files as a universe, into the running platform (Kafka <c>ticks</c>) or straight into a lake.
/// A table of symbols, rows, first/last bar and rejects goes to stderr; one JSON object to stdout.
/// </summary>
public sealed class ImportCommand : AsyncCommand<ImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dir <FOLDER>")]
        [Description("folder of bar files (*.csv, *.txt), one or more symbols each")]
        public string Dir { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("auto (default: from each header), yahoo, stooq, polygon or generic")]
        public string Format { get; init; } = "auto";

        [CommandOption("--tz <ZONE>")]
        [Description("zone of date-times written without one, e.g. America/New_York (default: UTC; Stooq Europe/Warsaw; Polygon America/New_York)")]
        public string? TimeZone { get; init; }

        [CommandOption("--prices <KIND>")]
        [Description("adjusted (default: the adjusted close where a file has one, OHLC scaled with it) or raw")]
        public string Prices { get; init; } = "adjusted";

        [CommandOption("--stamp <WHERE>")]
        [Description("whether intraday times mark the bar's start or end (default: start for Polygon, end otherwise)")]
        public string? Stamp { get; init; }

        [CommandOption("--splits <CSV>")]
        [Description("known splits, symbol,date,ratio (4:1, 3:2, 1:10): earlier bars are back-adjusted")]
        public string? Splits { get; init; }

        [CommandOption("--accept-jumps")]
        [Description("import series with split-like jumps anyway (otherwise they are held back and dead-lettered)")]
        public bool AcceptJumps { get; init; }

        [CommandOption("--lake <DIR>")]
        [Description("write the lake directly (raw.bars; rejects to raw.import_rejects) instead of Kafka")]
        public string? Lake { get; init; }

        [CommandOption("--bootstrap <HOST:PORT>")]
        [Description("Kafka bootstrap servers (default 127.0.0.1:59092, the AppHost's broker)")]
        public string Bootstrap { get; init; } = "127.0.0.1:59092";

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Dir) ? ValidationResult.Error("--dir is required")
            : Prices is not ("adjusted" or "raw") ? ValidationResult.Error($"--prices is adjusted or raw, not '{Prices}'")
            : Stamp is not (null or "start" or "end") ? ValidationResult.Error($"--stamp is start or end, not '{Stamp}'")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = UniverseImport.FilesIn(settings.Dir);
        if (files.Count == 0)
        {
            Stderr.Error($"no *.csv or *.txt files in {settings.Dir}");
            return 2;
        }
        TimeZones.Find(settings.TimeZone); // an unknown zone fails before any work
        var options = new ImportOptions(VendorFormats.Parse(settings.Format), settings.TimeZone, settings.Prices == "adjusted",
            settings.Stamp switch { "start" => BarStamp.Start, "end" => BarStamp.End, _ => null },
            settings.Splits is { } path ? ReadSplits(path) : null, settings.AcceptJumps);

        using var loggers = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning));
        using var producer = settings.Lake is null ? new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = settings.Bootstrap, EnableIdempotence = true, LingerMs = 5, BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4, MessageTimeoutMs = 30_000,
        }).Build() : null;
        IBarImportTarget target = producer is null
            ? new LakeImportTarget(new Project01.Lake.Lakehouse(new Project01.Lake.Storage.LocalLakeStorage(settings.Lake!)))
            : new KafkaImportTarget(new MarketReplay(producer, loggers.CreateLogger<MarketReplay>()), producer);
        var import = new UniverseImport(target, loggers.CreateLogger<UniverseImport>());

        ImportSummary? summary = null;
        await Stderr.Console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"import {files.Count} files", maxValue: files.Count);
            summary = await import.RunAsync(files, options,
                new Progress<ImportProgress>(p => { task.Value = p.FilesDone; task.Description = $"import: {p.FilesDone}/{p.Files} files, {p.Rows:N0} rows"; }),
                cancellationToken);
        });
        Stderr.Console.Write(SummaryTable(summary!));
        foreach (var file in summary!.Files.Where(f => f.Error is not null)) Stderr.Error(file.Error!);
        System.Console.Out.WriteLine(JsonSerializer.Serialize(ImportJson.From(summary, target.DeadLetters)));
        return 0;
    }

    private static IReadOnlyList<StockSplit> ReadSplits(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"splits file not found: {path}", path);
        using var reader = new StreamReader(path);
        return SplitFile.Read(Path.GetFileName(path), reader);
    }

    private static Table SummaryTable(ImportSummary summary)
    {
        var table = new Table();
        foreach (var column in new[] { "symbol", "file", "interval", "rows", "first bar", "last bar", "rejects", "splits", "status" })
            table.AddColumn(new TableColumn(column).NoWrap()); // scripts grep these lines; stderr is often not a terminal
        foreach (var s in summary.Series.OrderBy(s => s.Symbol, StringComparer.Ordinal))
            table.AddRow(s.Symbol, s.File, s.Interval, s.Rows.ToString("N0"), Stamp(s.First, s.Interval), Stamp(s.Last, s.Interval), s.Rejected.ToString("N0"),
                Markup.Escape(string.Join(", ", s.SplitsApplied.Select(a => $"adjusted {a}").Concat(s.SuspectedSplits.Select(_ => "jump")))),
                s.HeldBack ? "[red]held back[/]" : "imported");
        table.Caption($"{summary.Series.Count(s => !s.HeldBack)} series, {summary.Rows:N0} rows imported; {summary.Rejected:N0} rows rejected, " +
                      $"{summary.HeldBackRows:N0} held back, {summary.Files.Count(f => f.Error is not null)} files refused");
        return table;
    }

    private static string Stamp(DateTime? t, string interval) => t is { } v ? MarketTimestamp.Format(v, interval == "1d") : "";
}
