using System.ComponentModel;
using System.Globalization;
using Project01.Cli.Console;
using Project01.Lake;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Lake;

public sealed class LakeHistoryCommand : AsyncCommand<LakeHistoryCommand.Settings>
{
    public sealed class Settings : LakeSettings
    {
        [CommandOption("--table <NAME>")]
        [Description("table name, or layer.name")]
        public string Table { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var name = TableName.Parse(settings.Table);
        var table = await settings.OpenLake().OpenTableAsync(name, cancellationToken);
        if (table is null)
        {
            Stderr.Error($"no table {name} in {settings.Lake}");
            return 2;
        }
        System.Console.Out.WriteLine("version,timestamp,operation,parameters");
        foreach (var (version, timestamp, info) in await table.Log.HistoryAsync(cancellationToken))
        {
            var operation = info?["operation"]?.GetValue<string>() ?? "";
            var parameters = info?["operationParameters"]?.ToJsonString() ?? "{}";
            System.Console.Out.WriteLine(string.Join(',', version.ToString(CultureInfo.InvariantCulture),
                timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), operation,
                "\"" + parameters.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        }
        return 0;
    }
}
