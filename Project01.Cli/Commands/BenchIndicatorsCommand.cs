using System.ComponentModel;
using System.Text.Json;
using Project01.Ingestion.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>Times the indicator work on a panel file: read, compute (engine only), write; JSON on stdout.</summary>
public sealed class BenchIndicatorsCommand : Command<BenchIndicatorsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("a panel: date,symbol,open,high,low,close,volume (p01 bench panel writes one)")]
        public string Input { get; init; } = "";

        [CommandOption("--output <CSV>")]
        [Description("also write date,symbol and the 12 TTR columns here (the CSV-to-CSV run)")]
        public string? Output { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Input) ? ValidationResult.Error("--input is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var r = IndicatorPanelBenchmark.Run(settings.Input, settings.Output);
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            tool = "project01", rows = r.Rows, symbols = r.Symbols, read_seconds = Math.Round(r.ReadSeconds, 3),
            first_pass_seconds = Math.Round(r.FirstPassSeconds, 3),
            compute_seconds = Math.Round(r.ComputeSeconds, 3), write_seconds = Math.Round(r.WriteSeconds, 3),
            csv_to_csv_seconds = Math.Round(r.CsvToCsvSeconds, 3), compute_rows_per_second = Math.Round(r.ComputeRowsPerSecond),
            parallel_compute_seconds = Math.Round(r.ParallelComputeSeconds, 3), threads = r.Threads,
            peak_rss_mib = r.PeakRssBytes / (1024 * 1024),
        }));
        return 0;
    }
}
