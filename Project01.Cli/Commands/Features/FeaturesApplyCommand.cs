using System.ComponentModel;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.FeatureStore.Registry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Features;

/// <summary>Applies the feature views defined in code to the registry, showing what changes (like <c>feast apply</c>).</summary>
public sealed class FeaturesApplyCommand : AsyncCommand<FeaturesApplyCommand.Settings>
{
    public sealed class Settings : FeatureStoreSettings
    {
        [CommandOption("--dry-run")]
        [Description("show the changes without applying them")]
        public bool DryRun { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("who applies (default: the OS user)")]
        public string? By { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDb();
        var changes = await new FeatureRegistry(db).ApplyAsync(FeatureView.All, settings.By ?? Environment.UserName, settings.DryRun, cancellationToken);
        var table = new Table().AddColumns("view", "change", "details");
        foreach (var c in changes) table.AddRow(Markup.Escape(c.View), Markup.Escape(c.Kind), Markup.Escape(string.Join("\n", c.Differences)));
        Stderr.Console.Write(table);
        if (settings.DryRun) Stderr.Info("dry run: nothing applied");
        System.Console.Out.WriteLine(JsonSerializer.Serialize(changes.Select(c => new { view = c.View, change = c.Kind, differences = c.Differences })));
        return changes.Any(c => c.Kind == ViewChange.Refused) ? 1 : 0;
    }
}
