using System.ComponentModel;
using Project01.Cli.Console;
using Project01.Ingestion.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>Writes the synthetic timing panel (seeded random walks, not prices) that Project01 and its Python peer both time.</summary>
public sealed class BenchPanelCommand : Command<BenchPanelCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--symbols <N>")]
        [Description("symbols (default 500)")]
        public int Symbols { get; init; } = 500;

        [CommandOption("--days <N>")]
        [Description("bars per symbol (default 5,000)")]
        public int Days { get; init; } = 5_000;

        [CommandOption("--seed <N>")]
        [Description("random seed (default 1)")]
        public int Seed { get; init; } = 1;

        [CommandOption("--output <CSV>")]
        [Description("where to write date,symbol,open,high,low,close,volume")]
        public string Output { get; init; } = "";

        public override ValidationResult Validate() =>
            Symbols < 1 || Days < 2 ? ValidationResult.Error("--symbols must be at least 1 and --days at least 2")
            : string.IsNullOrEmpty(Output) ? ValidationResult.Error("--output is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(settings.Output, false, new System.Text.UTF8Encoding(false), 1 << 20);
        var rows = SyntheticBarPanel.Write(writer, settings.Symbols, settings.Days, settings.Seed);
        Stderr.Info($"{rows:N0} rows of synthetic timing data (not prices) in {settings.Output}");
        System.Console.Out.WriteLine($$"""{"rows":{{rows}},"symbols":{{settings.Symbols}},"days":{{settings.Days}},"seed":{{settings.Seed}}}""");
        return 0;
    }
}
