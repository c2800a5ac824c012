using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Project01.ApiKeys;

namespace Project01.ApiSecurity.Tests;

/// <summary>The guard every service uses, on an in-memory server with keys held in memory.</summary>
public sealed class ApiGuardTests : IAsyncDisposable
{
    private static readonly DateTime Created = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    private readonly InMemoryKeys _keys = new();
    private readonly TaskCompletionSource _heavyEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _heavyRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<HttpClient> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (k, v) in settings) builder.Configuration[k] = v;
        builder.Services.AddProblemDetails();
        builder.AddApiSecurity();
        // Keys from memory instead of Postgres; no start-up provisioning.
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.RemoveAll<ApiKeyStore>();
        builder.Services.AddSingleton<IApiKeyFinder>(_keys);
        _app = builder.Build();
        _app.UseApiSecurity();
        _app.MapPost("/act", (ClaimsPrincipal user) => Results.Ok(new { actor = user.Actor() })).RequireScope(ApiScopes.Registry);
        _app.MapGet("/read", () => Results.Ok("open")).RequireScope(ApiScopes.Forecast);
        _app.MapGet("/free", () => Results.Ok("free"));
        _app.MapPost("/heavy", async () =>
        {
            _heavyEntered.TrySetResult();
            await _heavyRelease.Task;
            return Results.Ok("done");
        }).RequireScopeForHeavyWork(ApiScopes.Drift);
        _app.MapGet("/health", () => Results.Ok("healthy"));
        _app.MapPost("/upload", async (HttpRequest r) => Results.Ok((await new StreamReader(r.Body).ReadToEndAsync()).Length));
        await _app.StartAsync(TestContext.Current.CancellationToken);
        return _app.GetTestClient();
    }

    private string Issue(string client, string[] scopes, int perMinute = 1000, bool revoked = false)
    {
        var secret = ApiKeyStore.NewSecret();
        _keys.Add(secret, new ApiKey(_keys.Count + 1, client, ApiKeyStore.PrefixOf(secret), scopes, perMinute, Created, revoked ? Created.AddDays(1) : null));
        return secret;
    }

    private static async Task<(HttpStatusCode Status, string Title, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.GetProperty("title").GetString()!, json.RootElement.GetProperty("detail").GetString()!);
    }

    private static HttpRequestMessage Post(string path, string? key = null, string? onBehalfOf = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (onBehalfOf is not null) request.Headers.Add("X-On-Behalf-Of", onBehalfOf);
        return request;
    }

    [Fact]
    public async Task AStateChangingRouteRefusesAnonymousUnknownRevokedAndWrongScopeCallers()
    {
        var client = await StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var anonymous = await ProblemAsync(await client.SendAsync(Post("/act"), ct));
        Assert.Equal((HttpStatusCode.Unauthorized, "API key required"), (anonymous.Status, anonymous.Title));
        Assert.Equal("unknown API key", (await ProblemAsync(await client.SendAsync(Post("/act", "p01_nobody"), ct))).Detail);
        Assert.Contains("was revoked", (await ProblemAsync(await client.SendAsync(Post("/act", Issue("old", [ApiScopes.Registry], revoked: true)), ct))).Detail);
        var wrong = await ProblemAsync(await client.SendAsync(Post("/act", Issue("reader", [ApiScopes.Forecast, ApiScopes.Train])), ct));
        Assert.Equal((HttpStatusCode.Forbidden, "Scope missing"), (wrong.Status, wrong.Title));
        Assert.Contains("'reader'", wrong.Detail);
        Assert.Contains("forecast, train", wrong.Detail);
    }

    [Fact]
    public async Task TheActorIsTheKeysClientWhateverTheRequestSays()
    {
        var client = await StartAsync();
        using var response = await client.SendAsync(Post("/act", Issue("desk-7", [ApiScopes.Registry])), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("desk-7", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task OnlyADelegatingKeyMayNameThePersonItActsFor()
    {
        var client = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var dashboard = Issue("dashboard", [ApiScopes.Registry, ApiScopes.Delegate]);

        using var delegated = await client.SendAsync(Post("/act", dashboard, "alice"), ct);
        Assert.Equal("alice via dashboard", (await delegated.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("actor").GetString());

        var forged = await ProblemAsync(await client.SendAsync(Post("/act", Issue("script", [ApiScopes.Registry]), "alice"), ct));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Contains("may not act for someone else", forged.Detail);

        var odd = await ProblemAsync(await client.SendAsync(Post("/act", dashboard, "alice via root"), ct));
        Assert.Equal(HttpStatusCode.Unauthorized, odd.Status);
        Assert.Contains("must be a user name", odd.Detail);
    }

    [Fact]
    public async Task AnAnonymousScopeOpensReadsButABadKeyIsStillRefused()
    {
        var client = await StartAsync(("ApiSecurity:AnonymousScopes:0", ApiScopes.Forecast));
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/read", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Post("/act"), ct)).StatusCode);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/read");
        bad.Headers.Add("X-Api-Key", "p01_wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bad, ct)).StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersShareAnAddressLimitAndKeysHaveTheirOwnButProbesAreNeverLimited()
    {
        var client = await StartAsync(("ApiSecurity:AnonymousRequestsPerMinute", "2"));
        var ct = TestContext.Current.CancellationToken;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await client.GetAsync("/free", ct)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var limited = await client.GetAsync("/free", ct);
        Assert.Equal("Rate limit reached", (await ProblemAsync(limited)).Title);
        Assert.True(limited.Headers.RetryAfter is not null || limited.Headers.Contains("Retry-After"));

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", ct)).StatusCode);
        var key = Issue("desk", [ApiScopes.Registry], perMinute: 3);
        var keyed = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) keyed.Add((await client.SendAsync(Post("/act", key), ct)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], keyed);
    }

    [Fact]
    public async Task HeavyWorkBeyondTheConcurrencyLimitIsTurnedAwayUntilASlotIsFree()
    {
        var client = await StartAsync(("ApiSecurity:MaxConcurrentHeavyRequests", "1"));
        var ct = TestContext.Current.CancellationToken;
        var key = Issue("analyst", [ApiScopes.Drift]);

        var first = client.SendAsync(Post("/heavy", key), ct);
        await _heavyEntered.Task.WaitAsync(ct);
        using (var busy = await client.SendAsync(Post("/heavy", key), ct))
        {
            var problem = await ProblemAsync(busy);
            Assert.Equal((HttpStatusCode.TooManyRequests, "Busy"), (problem.Status, problem.Title));
            Assert.Contains("at most 1 requests of this kind run at once", problem.Detail);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Post("/heavy"), ct)).StatusCode); // the scope is still needed

        _heavyRelease.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Post("/heavy", key), ct)).StatusCode);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedBeforeItIsRead()
    {
        var client = await StartAsync(("ApiSecurity:MaxRequestBytes", "2048"));
        using var response = await client.PostAsync("/upload", new ByteArrayContent(new byte[4096]), TestContext.Current.CancellationToken);
        var problem = await ProblemAsync(response);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "Request too large"), (problem.Status, problem.Title));
        Assert.Contains("at most 2048", problem.Detail);
    }

    private sealed class InMemoryKeys : IApiKeyFinder
    {
        private readonly Dictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

        public int Count => _keys.Count;

        public void Add(string secret, ApiKey key) => _keys[secret] = key;

        public Task<ApiKey?> FindAsync(string secret, CancellationToken ct) => Task.FromResult(_keys.GetValueOrDefault(secret));
    }
}
