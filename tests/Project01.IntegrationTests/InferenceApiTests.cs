using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests;

[Collection(AppHostCollection.Name)]
public sealed class InferenceApiTests(InferenceApiFixture api) : IClassFixture<InferenceApiFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AForecastIsTheServedModelAppliedToTheOnlineFeatures()
    {
        using var client = api.Client(api.FullKey);
        var forecast = await client.GetFromJsonAsync<ForecastDto>($"/v1/forecast/{api.Ready.ToLowerInvariant()}", _ct);

        Assert.Equal((api.Ready, "ret1", InferenceApiFixture.Model), (forecast!.Symbol, forecast.Target, forecast.Model));
        var expected = 0.01 + api.Bias[forecast.ModelVersion]; // logret + bias (other tests may have swapped the champion)
        Assert.Equal(expected, forecast.Value, 6);
        Assert.Equal((Math.Round(expected - 0.01, 6), Math.Round(expected + 0.01, 6)), (Math.Round(forecast.Lower!.Value, 6), Math.Round(forecast.Upper!.Value, 6)));
        Assert.Equal(InferenceApiFixture.MarketNow, forecast.FeatureTime);
        Assert.Equal(new DateTime(2020, 2, 4, 0, 0, 0, DateTimeKind.Utc), forecast.ForecastFor);
    }

    [Theory]
    [InlineData("0.9", System.Net.HttpStatusCode.Conflict, "has no calibrated 90")] // these versions record fixed offsets only
    [InlineData("0.5", System.Net.HttpStatusCode.BadRequest, "0.8 (the default) or 0.9")]
    public async Task AnIntervalLevelTheVersionCannotServeIsAProblemNotAGuess(string level, System.Net.HttpStatusCode status, string reason)
    {
        using var client = api.Client(api.FullKey);
        using var response = await client.GetAsync($"/v1/forecast/{api.Ready}?level={level}", _ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task WithoutCudaTheFallbackToCpuIsExplicit()
    {
        using var client = api.Client(api.FullKey);
        var models = await client.GetFromJsonAsync<LoadedModelDto[]>("/v1/models", _ct);

        var champion = Assert.Single(models!, m => m.Alias == "champion");
        Assert.Equal("CPU", champion.ExecutionProvider);
        Assert.StartsWith("CUDA unavailable, using CPU", champion.ExecutionProviderNote);
    }

    [Fact]
    public async Task ABatchAnswersEverySymbolWithAForecastOrItsReason()
    {
        using var client = api.Client(api.FullKey);
        using var response = await client.PostAsJsonAsync("/v1/forecast/batch",
            new BatchForecastRequest([api.Ready, api.Other, "NOPE", api.WarmingUp, api.Stale, api.Ready]), _ct);
        var batch = await response.Content.ReadFromJsonAsync<BatchForecastResponse>(_ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bias = api.Bias[batch!.Forecasts[0].ModelVersion];
        Assert.Equal([(api.Ready, Math.Round(0.01 + bias, 6)), (api.Other, Math.Round(-0.02 + bias, 6))], batch.Forecasts.Select(f => (f.Symbol, Math.Round(f.Value, 6))));
        var problems = batch.Problems.ToDictionary(p => p.Symbol);
        Assert.Equal(404, problems["NOPE"].Status);
        Assert.Equal((409, "Features not ready"), (problems[api.WarmingUp].Status, problems[api.WarmingUp].Title));
        Assert.Contains("rsi14", problems[api.WarmingUp].Detail);
        Assert.Equal((409, "Stale features"), (problems[api.Stale].Status, problems[api.Stale].Title));
        Assert.Contains("30.0 days behind", problems[api.Stale].Detail);
    }

    [Fact]
    public async Task CallerSuppliedFeaturesAreScoredInTheModelsOrder()
    {
        using var client = api.Client(api.FullKey);
        var inputs = Project01.Modeling.Datasets.ModelInputs.Default;
        var rows = new[] { 0.05, -0.03 }.Select(r => (IReadOnlyDictionary<string, double>)inputs.ToDictionary(i => i, i => i == "logret" ? r : 1.0)).ToList();
        using var response = await client.PostAsJsonAsync("/v1/predict", new PredictRequest(rows), _ct);
        var result = await response.Content.ReadFromJsonAsync<PredictResponse>(_ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bias = api.Bias[result!.ModelVersion];
        Assert.Equal([Math.Round(0.05 + bias, 6), Math.Round(-0.03 + bias, 6)], result.Values.Select(v => Math.Round(v, 6)));
        Assert.Equal(inputs, result.Features);
    }

    [Theory]
    [InlineData(null, "API key required")]
    [InlineData("p01_not-a-key", "unknown API key")]
    public async Task WithoutAValidKeyTheAnswerIs401(string? key, string expected)
    {
        using var client = api.Client(key);
        using var response = await client.GetAsync($"/v1/forecast/{api.Ready}", _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task AKeyWithoutTheScopeIsForbiddenAndARevokedKeyIsRefused()
    {
        using var forecastOnly = api.Client(api.ForecastOnlyKey);
        using var forbidden = await forecastOnly.PostAsJsonAsync("/v1/predict", new PredictRequest([new Dictionary<string, double>()]), _ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("forecast-only", await forbidden.Content.ReadAsStringAsync(_ct));

        var revoked = (await api.Keys.CreateAsync("to-revoke", ["forecast"], 100, _ct)).Secret;
        Assert.True(await api.Keys.RevokeAsync("to-revoke", _ct));
        using var client = api.Client(revoked);
        using var response = await client.GetAsync($"/v1/forecast/{api.Ready}", _ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", await response.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task AKeyOverItsRateGets429WithRetryAfter()
    {
        using var client = api.Client(api.SlowKey); // 3 requests per minute
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync($"/v1/forecast/{api.Ready}", _ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
    }

    [Theory]
    [InlineData("GET", "/v1/forecast/B@D", null, "symbol")]
    [InlineData("GET", "/v1/forecast/SPX?target=ret9", null, "target")]
    [InlineData("POST", "/v1/forecast/batch", """{"symbols":[]}""", "symbols")]
    [InlineData("POST", "/v1/predict", """{"rows":[{"logret":0.1}]}""", "rows[0]")]
    [InlineData("POST", "/v1/predict", """{"rows":[{"logret":0.1,"made_up":1}]}""", "rows[0]")]
    public async Task BadInputIsAValidationProblem(string method, string path, string? body, string field)
    {
        using var client = api.Client(api.FullKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", text);
        Assert.DoesNotContain("   at ", text); // no stack traces to clients
    }

    [Fact]
    public async Task AnOversizedBodyIsRefused()
    {
        using var client = api.Client(api.FullKey);
        var symbols = Enumerable.Range(0, 20_000).Select(i => $"S{i}").ToList(); // ~180 KB against a 64 KB limit
        using var body = new StringContent(System.Text.Json.JsonSerializer.Serialize(new BatchForecastRequest(symbols)), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/forecast/batch", body, _ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 65536", await response.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task AHotSwapDuringARequestStreamFailsNoRequest()
    {
        using var client = api.Client(api.FullKey);
        var seen = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var streams = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync($"/v1/forecast/{api.Ready}", CancellationToken.None);
                if (!response.IsSuccessStatusCode) { failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"); continue; }
                var f = (await response.Content.ReadFromJsonAsync<ForecastDto>())!;
                seen.AddOrUpdate(f.ModelVersion, 1, (_, n) => n + 1);
                if (Math.Abs(f.Value - (0.01 + api.Bias[f.ModelVersion])) > 1e-6) failures.Add($"v{f.ModelVersion} answered {f.Value}");
            }
        })).ToList();

        // Swap only once the streams are answering (a cold, busy CI machine takes a while), and stop only once the new
        // version has answered some of them.
        await WaitUntilAsync(() => seen.Values.Sum() >= 20 || !failures.IsEmpty);
        Assert.True(!seen.IsEmpty, "no request was answered within a minute: " + string.Join("; ", failures.Take(3)));
        var before = seen.Keys.Max();
        var next = await api.RegisterAsync(bias: 0.002, champion: true, _ct);
        await InferenceApiFixture.WaitForVersionAsync(client, next, _ct);
        await WaitUntilAsync(() => seen.GetValueOrDefault(next) >= 20 || !failures.IsEmpty);
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        Assert.Empty(failures);
        Assert.True(seen.ContainsKey(before) && seen.ContainsKey(next), string.Join(", ", seen.Select(kv => $"v{kv.Key}: {kv.Value}")));
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50, _ct);
    }

    [Fact]
    public async Task AChallengerIsLoadedToScoreInTheChampionsShadow()
    {
        using var client = api.Client(api.FullKey);
        var version = await api.RegisterAsync(bias: 0.5, champion: true, _ct, alias: "challenger");
        await InferenceApiFixture.WaitForVersionAsync(client, version, _ct, alias: "challenger");

        var forecast = await client.GetFromJsonAsync<ForecastDto>($"/v1/forecast/{api.Ready}", _ct);
        Assert.NotEqual(version, forecast!.ModelVersion); // the challenger never answers
        Assert.True(forecast.Value < 0.1);
    }
}
