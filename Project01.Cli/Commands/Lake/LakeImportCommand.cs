using System.ComponentModel;
using Project01.Cli.Console;
using Project01.Lake;
using Project01.Lake.Import;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Lake;

public sealed class LakeImportCommand : AsyncCommand<LakeImportCommand.Settings>
{
    public sealed class Settings : LakeSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("CSV with a header; types inferred (ISO date → date, number → double, else string)")]
        public string Input { get; init; } = "";

        [CommandOption("--table <NAME>")]
        [Description("table name, or layer.name (default layer: raw)")]
        public string Table { get; init; } = "";

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrEmpty(Input) || string.IsNullOrEmpty(Table)
                ? Spectre.Console.ValidationResult.Error("--input and --table are required")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }
        var table = TableName.Parse(settings.Table);
        var result = await CsvTableImporter.ImportAsync(settings.OpenLake(), settings.Input, table, cancellationToken);
        System.Console.Out.WriteLine($"{{\"table\":\"{table}\",\"version\":{result.Version},\"rows\":{result.RowsAdded},\"files\":{result.FilesAdded}}}");
        return 0;
    }
}
