using System.ComponentModel;
using System.Text.Json;
using Project01.Cli.Commands.Registry;
using Project01.ApiKeys;
using Project01.Cli.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Keys;

/// <summary><c>p01 keys create --client NAME [--scopes forecast,predict,models] [--rate N]</c>: issues a key, printed once.</summary>
public sealed class KeysCreateCommand : AsyncCommand<KeysCreateCommand.Settings>
{
    public sealed class Settings : RegistrySettings
    {
        [CommandOption("--client <NAME>")]
        [Description("who the key is for (one live key per client)")]
        public string Client { get; init; } = "";

        [CommandOption("--scopes <LIST>")]
        [Description("comma-separated: forecast, predict, models (the default), replay, lake-sql, features, train, registry, backtest, drift, delegate")]
        public string Scopes { get; init; } = string.Join(',', ApiScopes.Serving);

        [CommandOption("--rate <PER_MINUTE>")]
        [Description("requests per minute (default 600)")]
        public int Rate { get; init; } = 600;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var store = new ApiKeyStore(db);
        await store.EnsureSchemaAsync(cancellationToken);
        try
        {
            var issued = await store.CreateAsync(settings.Client, settings.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                settings.Rate, cancellationToken);
            System.Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                client = issued.Key.Client, key = issued.Secret, scopes = issued.Key.Scopes, requests_per_minute = issued.Key.RequestsPerMinute,
            }));
            Stderr.Info($"key for '{issued.Key.Client}' created ({issued.Key.Prefix}…); it is shown only now: store it safely, send it as X-Api-Key");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Stderr.Error(e.Message);
            return 1;
        }
    }
}

/// <summary><c>p01 keys list</c>: the keys (never their secrets), JSON lines.</summary>
public sealed class KeysListCommand : AsyncCommand<RegistrySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RegistrySettings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var store = new ApiKeyStore(db);
        await store.EnsureSchemaAsync(cancellationToken);
        foreach (var k in await store.ListAsync(cancellationToken))
            System.Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                client = k.Client, prefix = k.Prefix, scopes = k.Scopes, requests_per_minute = k.RequestsPerMinute, created_at = k.CreatedAt, revoked_at = k.RevokedAt,
            }));
        return 0;
    }
}

/// <summary><c>p01 keys revoke --client NAME</c>: the key stops working within seconds (the API caches lookups briefly).</summary>
public sealed class KeysRevokeCommand : AsyncCommand<KeysRevokeCommand.Settings>
{
    public sealed class Settings : RegistrySettings
    {
        [CommandOption("--client <NAME>")]
        public string Client { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var store = new ApiKeyStore(db);
        await store.EnsureSchemaAsync(cancellationToken);
        if (await store.RevokeAsync(settings.Client, cancellationToken))
        {
            Stderr.Info($"revoked the key of '{settings.Client}'");
            return 0;
        }
        Stderr.Error($"'{settings.Client}' has no live key");
        return 1;
    }
}
