using System.ComponentModel;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.Lake;
using Project01.Lake.Delta;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Lake;

public sealed class LakeCompactCommand : AsyncCommand<LakeCompactCommand.Settings>
{
    public sealed class Settings : LakeSettings
    {
        [CommandOption("--table <NAME>")]
        public string Table { get; init; } = "";

        [CommandOption("--small-file-mb <MB>")]
        [Description("files below this size are merged per partition (default 64)")]
        public int SmallFileMb { get; init; } = 64;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (await settings.OpenLake().OpenTableAsync(TableName.Parse(settings.Table), cancellationToken) is not { } table)
        {
            Stderr.Error($"no table {settings.Table} in {settings.Lake}");
            return 2;
        }
        var result = await table.CompactAsync(settings.SmallFileMb * 1024L * 1024, cancellationToken);
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new { version = result.Version, files_removed = result.FilesRemoved, files_added = result.FilesAdded, rows = result.Rows }));
        return 0;
    }
}

public sealed class LakeVacuumCommand : AsyncCommand<LakeVacuumCommand.Settings>
{
    public sealed class Settings : LakeSettings
    {
        [CommandOption("--table <NAME>")]
        public string Table { get; init; } = "";

        [CommandOption("--retention-hours <HOURS>")]
        [Description("keep files any version of the last HOURS may need (default 168 = 7 days)")]
        public double RetentionHours { get; init; } = 168;

        [CommandOption("--dry-run")]
        [Description("list what would be deleted, delete nothing")]
        public bool DryRun { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (await settings.OpenLake().OpenTableAsync(TableName.Parse(settings.Table), cancellationToken) is not { } table)
        {
            Stderr.Error($"no table {settings.Table} in {settings.Lake}");
            return 2;
        }
        var result = await table.VacuumAsync(TimeSpan.FromHours(settings.RetentionHours), settings.DryRun, cancellationToken);
        foreach (var file in result.Deleted) System.Console.Out.WriteLine(file);
        Stderr.Info($"{(result.DryRun ? "would delete" : "deleted")} {result.Deleted.Count} file(s)");
        return 0;
    }
}
