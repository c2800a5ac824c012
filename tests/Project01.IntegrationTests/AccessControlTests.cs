using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Project01.ApiKeys;

namespace Project01.IntegrationTests;

/// <summary>
/// The attack list for identities, against the running services: every state-changing route (and the lake SQL route,
/// and inference) refuses anonymous callers, unknown keys and keys without its scope with a problem, before doing
/// anything; a key may not claim to act for someone unless it is allowed to; the dashboard shows nothing before sign-in.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class AccessControlTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Service, method, path, body, the scope it needs.</summary>
    public static TheoryData<string, string, string, string?, string> GuardedRoutes => new()
    {
        { "ingest", "POST", "/v1/replays", """{"dataset":"sp500"}""", ApiScopes.Replay },
        { "ingest", "POST", "/v1/lake/sql", """{"sql":"SELECT 1"}""", ApiScopes.LakeSql },
        { "features", "POST", "/v1/features/historical", """{"entities":[{"symbol":"SPX","time":"2020-01-02T00:00:00Z"}],"features":["price_v1:rsi14"]}""", ApiScopes.Features },
        { "training", "POST", "/v1/training/jobs", """{"target":"ret1"}""", ApiScopes.Train },
        { "training", "POST", "/v1/registry/models/ret1-lightgbm/aliases/champion", """{"version":1,"reason":"take over"}""", ApiScopes.Registry },
        { "training", "POST", "/v1/registry/models/ret1-lightgbm/aliases/champion/rollback", """{"reason":"take over"}""", ApiScopes.Registry },
        { "training", "POST", "/v1/backtests", """{"model":"ret1-lightgbm","version":1,"strategy":"longflat"}""", ApiScopes.Backtest },
        { "training", "POST", "/v1/monitoring/drift/ret1-lightgbm", null, ApiScopes.Drift },
        { "training", "POST", "/v1/tuning", """{"model":"ridge","target":"vol5","trials":1}""", ApiScopes.Train },
        { "training", "POST", "/v1/portfolios", """{"method":"ew"}""", ApiScopes.Backtest },
        { "inference", "GET", "/v1/forecast/SPX", null, ApiScopes.Forecast },
        { "inference", "POST", "/v1/forecast/batch", """{"symbols":["SPX"]}""", ApiScopes.Forecast },
        { "inference", "POST", "/v1/predict", """{"rows":[{}]}""", ApiScopes.Predict },
        { "inference", "GET", "/v1/models", null, ApiScopes.Models },
    };

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public async Task AnonymousCallersUnknownKeysAndKeysWithoutTheScopeAreRefused(string service, string method, string path, string? body, string scope)
    {
        var anonymous = await SendAsync(fixture.AnonymousClient(service), method, path, body);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "API key required");

        var unknown = fixture.AnonymousClient(service);
        unknown.DefaultRequestHeaders.Add("X-Api-Key", "p01_not-a-key-anyone-was-given");
        await AssertProblemAsync(await SendAsync(unknown, method, path, body), HttpStatusCode.Unauthorized, "unknown API key");

        // A real key with every other scope is still refused.
        var otherScopes = fixture.AnonymousClient(service);
        otherScopes.DefaultRequestHeaders.Add("X-Api-Key", await fixture.IssueKeyAsync($"all-but-{scope}-{Guid.NewGuid():N}", [.. ApiScopes.All.Where(s => s != scope)], _ct));
        await AssertProblemAsync(await SendAsync(otherScopes, method, path, body), HttpStatusCode.Forbidden, "Scope missing");
    }

    [Theory]
    [InlineData("ingest", "/v1/bars/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("ingest", "/v1/bars/%2Fetc%2Fpasswd")]
    [InlineData("features", "/v1/features/history/..%2F..%2Fsecrets")]
    [InlineData("training", "/v1/registry/models/..%2F..%2Fcredentials/versions/1")]
    [InlineData("training", "/v1/registry/models/ret1-lightgbm%2F..%2F..%2F..%2Fcredentials/aliases/champion")]
    public async Task PathTraversalInSymbolsAndModelNamesFindsNothing(string service, string path)
    {
        using var response = await fixture.Client(service).GetAsync(path, _ct);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableNameThatWalksOutOfTheLakeIsNotATable()
    {
        using var response = await fixture.Client("ingest").PostAsJsonAsync("/v1/lake/sql", new { query = "SELECT * FROM \"../../credentials\"" }, _ct);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Query failed");
    }

    [Theory]
    [InlineData("ingest", "/v1/replays")]
    [InlineData("features", "/v1/features/historical")]
    [InlineData("training", "/v1/training/jobs")]
    [InlineData("inference", "/v1/predict")]
    public async Task OversizedAndMalformedBodiesAreRefusedWithAProblem(string service, string path)
    {
        var client = fixture.Client(service);
        using var huge = await client.PostAsync(path, new StringContent("{\"x\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json"), _ct);
        await AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "Request too large");

        using var malformed = await client.PostAsync(path, new StringContent("{\"target\": [1, 2", System.Text.Encoding.UTF8, "application/json"), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AKeyThatMayNotDelegateCannotClaimToActForSomeoneElse()
    {
        var client = fixture.Client("training");
        client.DefaultRequestHeaders.Add("X-On-Behalf-Of", "the-ceo");
        using var response = await client.PostAsJsonAsync("/v1/registry/models/ret1-lightgbm/aliases/champion/rollback", new { reason = "forged" }, _ct);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "may not act for someone else");
    }

    [Fact]
    public async Task TheDashboardShowsNothingBeforeSignInAndRefusesAForgedSignIn()
    {
        using var page = await fixture.AnonymousClient("dashboard").GetAsync("/models", _ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/login", page.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"login-form\"", await page.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);

        // A sign-in posted from elsewhere carries no antiforgery token.
        using var forged = await fixture.AnonymousClient("dashboard").PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "operator", ["password"] = fixture.Credential("dashboard-operator-password"),
        }), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task PostgresAndRedisAskForTheirGeneratedPasswords()
    {
        var db = new Npgsql.NpgsqlConnectionStringBuilder((await fixture.App.GetConnectionStringAsync("p01db", _ct))!);
        Assert.Equal(fixture.Credential("postgres-password"), db.Password);
        db.Password = "not-the-password";
        await using (var wrong = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => wrong.OpenAsync(_ct));
            Assert.Equal("28P01", e.SqlState); // invalid_password
        }

        var redis = (await fixture.App.GetConnectionStringAsync("online-store", _ct))!;
        Assert.Contains($"password={fixture.Credential("redis-password")}", redis, StringComparison.Ordinal);
        var endpoint = System.Net.IPEndPoint.Parse(redis.Split(',')[0]);
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(endpoint, _ct);
        var stream = socket.GetStream();
        await stream.WriteAsync("GET anything\r\n"u8.ToArray(), _ct);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, _ct);
        Assert.StartsWith("-NOAUTH", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        }, TestContext.Current.CancellationToken);

    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct));
            var text = problem.RootElement.GetProperty("title").GetString() + " " + problem.RootElement.GetProperty("detail").GetString();
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }
}
