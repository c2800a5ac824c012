using System.ComponentModel;
using Project01.Cli.Console;
using Project01.Backtesting.Runs;
using Project01.Backtesting;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Registry;

/// <summary><c>p01 registry list</c>: one JSON line per model version, newest first per name, with its aliases.</summary>
public sealed class RegistryListCommand : AsyncCommand<RegistryListCommand.Settings>
{
    public sealed class Settings : RegistrySettings
    {
        [CommandOption("--name <NAME>")]
        [Description("only this model (e.g. ret1-lightgbm)")]
        public string? Name { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var registry = RegistrySettings.Registry(db);
        await registry.EnsureSchemaAsync(cancellationToken);
        var versions = await registry.ListAsync(settings.Name, cancellationToken);
        foreach (var group in versions.GroupBy(v => v.Name))
        {
            var aliases = await registry.GetAliasesAsync(group.Key, cancellationToken);
            foreach (var v in group)
                RegistryJson.Print(json =>
                {
                    json.WriteStartObject();
                    RegistryJson.Version(json, v, aliases);
                    json.WriteEndObject();
                });
        }
        Stderr.Info($"{versions.Count} version(s)");
        return 0;
    }
}

/// <summary><c>p01 registry show NAME [--version N | --alias A]</c>: one version in full, its alias history and backtests.</summary>
public sealed class RegistryShowCommand : AsyncCommand<RegistryShowCommand.Settings>
{
    public sealed class Settings : RegistrySettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = "";

        [CommandOption("--version <N>")]
        [Description("the version (default: the one --alias points at)")]
        public int? Version { get; init; }

        [CommandOption("--alias <ALIAS>")]
        [Description("the alias to resolve when no --version is given (default champion)")]
        public string Alias { get; init; } = ModelRegistry.Registry.Aliases.Champion;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var registry = RegistrySettings.Registry(db);
        var backtests = RegistrySettings.Backtests(db);
        await backtests.EnsureSchemaAsync(cancellationToken);
        var version = settings.Version is { } n
            ? await registry.GetVersionAsync(settings.Name, n, cancellationToken) ?? throw new ArgumentException($"model {settings.Name} has no version {n}")
            : await registry.GetByAliasAsync(settings.Name, settings.Alias, cancellationToken) ?? throw new ArgumentException($"model {settings.Name} has no alias '{settings.Alias}'");
        var aliases = await registry.GetAliasesAsync(settings.Name, cancellationToken);
        var history = await registry.GetAliasHistoryAsync(settings.Name, cancellationToken);
        var runs = await backtests.ListAsync(settings.Name, version.Version, cancellationToken);
        RegistryJson.Print(json =>
        {
            json.WriteStartObject();
            RegistryJson.Version(json, version, aliases);
            json.WriteStartArray("alias_history");
            foreach (var e in history) RegistryJson.AliasEvent(json, e);
            json.WriteEndArray();
            json.WriteStartArray("backtests");
            foreach (var run in runs) RegistryJson.Backtest(json, run, series: false);
            json.WriteEndArray();
            json.WriteEndObject();
        });
        return 0;
    }
}

/// <summary><c>p01 registry promote NAME VERSION --reason …</c>: points an alias (champion) at a version.</summary>
public sealed class RegistryPromoteCommand : AsyncCommand<RegistryPromoteCommand.Settings>
{
    public sealed class Settings : AliasChangeSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = "";

        [CommandArgument(1, "<VERSION>")]
        public int Version { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var registry = RegistrySettings.Registry(db);
        try
        {
            var change = await registry.SetAliasAsync(settings.Name, settings.Alias, settings.Version, settings.Who, settings.Reason, cancellationToken);
            RegistryJson.Print(json => RegistryJson.AliasEvent(json, change));
            Stderr.Info($"{settings.Name}@{settings.Alias}: v{change.PreviousVersion?.ToString() ?? "-"} → v{change.Version}");
            return 0;
        }
        catch (KeyNotFoundException e)
        {
            Stderr.Error(e.Message);
            return 1;
        }
    }
}

/// <summary><c>p01 registry rollback NAME --reason …</c>: moves an alias back to where it pointed before its latest move.</summary>
public sealed class RegistryRollbackCommand : AsyncCommand<RegistryRollbackCommand.Settings>
{
    public sealed class Settings : AliasChangeSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var registry = RegistrySettings.Registry(db);
        try
        {
            var change = await registry.RollbackAsync(settings.Name, settings.Alias, settings.Who, settings.Reason, cancellationToken);
            RegistryJson.Print(json => RegistryJson.AliasEvent(json, change));
            Stderr.Info($"{settings.Name}@{settings.Alias}: rolled back v{change.PreviousVersion} → v{change.Version}");
            return 0;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            Stderr.Error(e.Message);
            return 1;
        }
    }
}

/// <summary><c>p01 registry backtest NAME VERSION --strategy …</c>: backtests a version's stored test predictions and
/// stores the result under its run id (the same inputs give the same id and the same numbers).</summary>
public sealed class RegistryBacktestCommand : AsyncCommand<RegistryBacktestCommand.Settings>
{
    public sealed class Settings : RegistrySettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = "";

        [CommandArgument(1, "<VERSION>")]
        public int Version { get; init; }

        [CommandOption("--strategy <SPEC>")]
        [Description("topk:K:NDROP (qlib TopkDropout), longshort:Q (quantile per leg) or longflat[:THRESHOLD] (one asset)")]
        public string Strategy { get; init; } = "";

        [CommandOption("--cost-bps <BPS>")]
        [Description("transaction cost in basis points of traded notional (default 10)")]
        public double CostBps { get; init; } = 10;

        [CommandOption("--series")]
        [Description("also print the equity, drawdown and turnover series")]
        public bool Series { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrEmpty(Strategy) ? Spectre.Console.ValidationResult.Error("--strategy is required")
            : CostBps < 0 ? Spectre.Console.ValidationResult.Error("--cost-bps cannot be negative")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var spec = StrategySpec.Parse(settings.Strategy);
        await using var db = settings.OpenDatabase();
        var backtests = RegistrySettings.Backtests(db);
        await backtests.EnsureSchemaAsync(cancellationToken);
        try
        {
            var (run, stored) = await new RegisteredModelBacktest(RegistrySettings.Registry(db), backtests)
                .RunAsync(settings.Name, settings.Version, spec, new BacktestOptions(settings.CostBps), cancellationToken);
            RegistryJson.Print(json => RegistryJson.Backtest(json, run, settings.Series));
            Stderr.Info(stored ? $"stored {run.RunId}" : $"{run.RunId} was stored already (same run id, same result)");
            return 0;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            Stderr.Error(e.Message);
            return 1;
        }
    }
}
