using System.ComponentModel;
using Project01.Cli.Commands.Lake;
using Project01.Lake.Sql;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

public sealed class SqlCommand : AsyncCommand<SqlCommand.Settings>
{
    public sealed class Settings : LakeSettings
    {
        [CommandArgument(0, "<QUERY>")]
        [Description("SQL over the lake's tables (by name or layer.name), e.g. \"SELECT count(*) FROM ticks\"")]
        public string Query { get; init; } = "";

        [CommandOption("--max-rows <N>")]
        [Description("most rows to print (default: all)")]
        public int? MaxRows { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = await new LakeSql(settings.OpenLake()).QueryAsync(settings.Query, settings.MaxRows ?? int.MaxValue, ct: cancellationToken);
        LakeSql.WriteCsv(result, System.Console.Out);
        if (result.Truncated) Console.Stderr.Info($"output truncated to {result.Rows.Count} rows");
        return 0;
    }
}
