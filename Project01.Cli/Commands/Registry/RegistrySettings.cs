using System.ComponentModel;
using Npgsql;
using Project01.ModelRegistry.Artifacts;
using Project01.Backtesting.Runs;
using Project01.ModelRegistry.Registry;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Registry;

/// <summary>The registry's Postgres: <c>--db</c>, else the services' own setting <c>ConnectionStrings__p01db</c>.</summary>
public class RegistrySettings : CommandSettings
{
    public const string ConnectionVariable = "ConnectionStrings__p01db";

    [CommandOption("--db <CONNECTION>")]
    [Description("Postgres connection string of the registry (default: the ConnectionStrings__p01db environment variable)")]
    public string? Db { get; init; }

    /// <summary>The connection string given, or the services' own; an error saying how to give one when neither is set.</summary>
    public string ConnectionString()
    {
        var connection = !string.IsNullOrWhiteSpace(Db) ? Db : Environment.GetEnvironmentVariable(ConnectionVariable);
        return string.IsNullOrWhiteSpace(connection)
            ? throw new ArgumentException($"no registry database: give --db <connection string> or set {ConnectionVariable}")
            : connection;
    }

    public NpgsqlDataSource OpenDatabase()
    {
        var connection = ConnectionString();
        try
        {
            return NpgsqlDataSource.Create(connection);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--db is not a valid Postgres connection string: {e.Message}");
        }
    }

    /// <summary>Artifacts are not read by these commands; the registry only needs a root to resolve paths against.</summary>
    public static ModelRegistryStore Registry(NpgsqlDataSource db) => new(db, new ModelArtifacts(Directory.GetCurrentDirectory()));

    public static BacktestStore Backtests(NpgsqlDataSource db) => new(db);
}

/// <summary>Alias changes say who and why: <c>--reason</c> is required, <c>--by</c> defaults to the OS user.</summary>
public class AliasChangeSettings : RegistrySettings
{
    [CommandOption("--alias <ALIAS>")]
    [Description("the alias to move (default champion)")]
    public string Alias { get; init; } = Aliases.Champion;

    [CommandOption("--reason <TEXT>")]
    [Description("why (required; kept in the alias history)")]
    public string Reason { get; init; } = "";

    [CommandOption("--by <WHO>")]
    [Description("who (default: the OS user)")]
    public string? By { get; init; }

    public string Who => string.IsNullOrWhiteSpace(By) ? Environment.UserName : By;

    public override Spectre.Console.ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reason) ? Spectre.Console.ValidationResult.Error("--reason is required: every alias change records why")
        : !Aliases.IsValid(Alias) ? Spectre.Console.ValidationResult.Error($"'{Alias}' is not a valid alias (lower-case letters, digits, '-')")
        : Spectre.Console.ValidationResult.Success();
}
