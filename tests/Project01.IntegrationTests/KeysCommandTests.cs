using System.Text.Json;
using Project01.ApiKeys;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary><c>p01 keys</c> against real Postgres: the secret is printed once, stored only as a hash, and revocable.</summary>
[Collection(AppHostCollection.Name)]
public sealed class KeysCommandTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateListRevokeThroughTheCli()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var db = store.ConnectionString;

        var created = await P01.RunAsync("keys", "create", "--client", "notebook", "--scopes", "forecast,models", "--rate", "120", "--db", db);
        Assert.Equal(0, created.ExitCode);
        var issued = JsonDocument.Parse(created.Stdout).RootElement;
        var secret = issued.GetProperty("key").GetString()!;
        Assert.StartsWith(ApiKeyStore.KeyPrefix, secret);
        Assert.Equal(["forecast", "models"], issued.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var found = await new ApiKeyStore(store.Db).FindAsync(secret, _ct);
        Assert.Equal(("notebook", 120), (found!.Client, found.RequestsPerMinute));
        Assert.True(found.Allows(ApiScopes.Forecast) && !found.Allows(ApiScopes.Predict));

        var list = await P01.RunAsync("keys", "list", "--db", db);
        Assert.Contains("\"client\":\"notebook\"", list.Stdout);
        Assert.DoesNotContain(secret, list.Stdout); // only the prefix is ever shown again

        var duplicate = await P01.RunAsync("keys", "create", "--client", "notebook", "--db", db);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already has a key", duplicate.Stderr);

        Assert.Equal(0, (await P01.RunAsync("keys", "revoke", "--client", "notebook", "--db", db)).ExitCode);
        Assert.NotNull((await new ApiKeyStore(store.Db).FindAsync(secret, _ct))!.RevokedAt);
        var again = await P01.RunAsync("keys", "revoke", "--client", "notebook", "--db", db);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("has no live key", again.Stderr);

        var badScope = await P01.RunAsync("keys", "create", "--client", "x", "--scopes", "forecast,admin", "--db", db);
        Assert.Equal(1, badScope.ExitCode);
        Assert.Contains("unknown scope 'admin'", badScope.Stderr);
    }
}
