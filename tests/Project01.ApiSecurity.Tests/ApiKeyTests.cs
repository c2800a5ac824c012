using Npgsql;
using Project01.ApiKeys;

namespace Project01.ApiSecurity.Tests;

public sealed class ApiKeyTests : IAsyncDisposable
{
    private static readonly DateTime Created = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    // Creating a key validates its arguments before any round trip; this data source points nowhere, so a validation
    // that let bad arguments through would fail with a connection error instead of the ArgumentException expected.
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1;Pooling=false");

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static ApiKey Key(IReadOnlyList<string> scopes, DateTime? revokedAt = null) =>
        new(1, "client", "p01_abcdefgh", scopes, 60, Created, revokedAt);

    [Fact]
    public void EveryRouteFamilyHasItsScope()
    {
        Assert.Equal(["forecast", "predict", "models", "replay", "lake-sql", "features", "train", "registry", "backtest", "drift", "delegate"], ApiScopes.All);
        Assert.Equal(["forecast", "predict", "models"], ApiScopes.Serving);
    }

    [Fact]
    public void AKeyAllowsExactlyItsScopes()
    {
        var key = Key([ApiScopes.Forecast, ApiScopes.Models]);

        Assert.True(key.Allows(ApiScopes.Forecast));
        Assert.True(key.Allows(ApiScopes.Models));
        Assert.False(key.Allows(ApiScopes.Predict));
        Assert.False(key.Allows("Forecast"));
        Assert.False(key.Allows(""));
    }

    [Fact]
    public void ARevokedKeyAllowsNothing()
    {
        var key = Key(ApiScopes.All, revokedAt: Created.AddDays(1));
        Assert.All(ApiScopes.All, scope => Assert.False(key.Allows(scope)));
    }

    [Fact]
    public void TheLookupHashIsSha256OfTheUtf8Secret()
    {
        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(ApiKeyStore.Hash("abc")));
        Assert.Equal(ApiKeyStore.Hash("p01_é"), System.Security.Cryptography.SHA256.HashData("p01_é"u8));
        Assert.Equal(ApiKeyStore.Hash("p01_x"), ApiKeyStore.Hash("p01_x"));
        Assert.NotEqual(ApiKeyStore.Hash("p01_x"), ApiKeyStore.Hash("p01_y"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AKeyNeedsAClientName(string client)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Store().CreateAsync(client, [ApiScopes.Forecast], 60, TestContext.Current.CancellationToken));
        Assert.Equal("client", e.ParamName);
    }

    [Fact]
    public async Task AKeyNeedsAScope()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Store().CreateAsync("desk", [], 60, TestContext.Current.CancellationToken));
        Assert.Equal("scopes", e.ParamName);
        Assert.Contains("forecast, predict, models, replay", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownScopeIsNamed()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            Store().CreateAsync("desk", [ApiScopes.Forecast, "admin"], 60, TestContext.Current.CancellationToken));
        Assert.Equal("scopes", e.ParamName);
        Assert.Contains("unknown scope 'admin'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task TheRateLimitIsAtLeastOnePerMinute(int rate)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Store().CreateAsync("desk", [ApiScopes.Predict], rate, TestContext.Current.CancellationToken));
        Assert.Equal("requestsPerMinute", e.ParamName);
    }

    private ApiKeyStore Store() => new(_db);
}
