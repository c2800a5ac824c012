using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Features;

/// <summary>Loads the online store from the offline history: per symbol, the latest row within [from, to].</summary>
public sealed class FeaturesMaterializeCommand : AsyncCommand<FeaturesMaterializeCommand.Settings>
{
    public sealed class Settings : FeatureStoreSettings
    {
        [CommandOption("--from <DATE>")]
        [Description("start of the event-time window (yyyy-MM-dd or ISO timestamp, UTC)")]
        public string From { get; init; } = "";

        [CommandOption("--to <DATE>")]
        [Description("end of the event-time window, inclusive")]
        public string To { get; init; } = "";

        [CommandOption("--view <VIEW>")]
        [Description("feature view (default price_v1)")]
        public string View { get; init; } = "price_v1";

        public override ValidationResult Validate() =>
            !TryParse(From, out var from) || !TryParse(To, out var to) ? ValidationResult.Error("--from and --to must be dates (yyyy-MM-dd) or ISO timestamps")
            : from > to ? ValidationResult.Error("--from is after --to")
            : ValidationResult.Success();

        internal static bool TryParse(string s, out DateTime utc) =>
            DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var view = FeatureView.Find(settings.View);
        Settings.TryParse(settings.From, out var from);
        Settings.TryParse(settings.To, out var to);
        if (settings.To.Length == 10) to = to.AddDays(1).AddTicks(-1); // a date means through the end of that day
        await using var db = settings.OpenDb();
        await using var redis = await settings.OpenRedisAsync();
        var latest = new Dictionary<string, FeatureRow>(StringComparer.Ordinal);
        await Stderr.Console.Status().StartAsync($"reading {view.Key} history", async _ =>
        {
            await foreach (var row in settings.OpenOffline(db).ReadAsync(view, null, from, to, cancellationToken))
                latest[row.Symbol] = row; // rows come in event-time order per symbol: the last one wins
        });
        var written = await new OnlineFeatureStore(redis).WriteLatestAsync(view, latest.Values);
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new { view = view.Key, from, to, symbols = latest.Count, written }));
        Stderr.Info($"{written} of {latest.Count} symbols updated online (newer online values are kept)");
        return 0;
    }
}
