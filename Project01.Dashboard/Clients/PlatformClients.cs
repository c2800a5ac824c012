using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Project01.Contracts;
using Project01.Dashboard.Account;

namespace Project01.Dashboard.Clients;

/// <summary>
/// The dashboard reads the platform only through the services' HTTP APIs, found by service discovery
/// (<c>http://ingest</c> resolves through the AppHost's references, or the Services section of configuration).
/// </summary>
public static class PlatformClientRegistration
{
    public static void AddPlatformClients(this IHostApplicationBuilder builder)
    {
        // The dashboard's own service key (Dashboard:ApiKey; the AppHost generates it): the services authenticate every
        // call with it, and actions carry the signed-in person in X-On-Behalf-Of so the audit trail names them.
        var key = builder.Configuration["Dashboard:ApiKey"];
        void Configure(HttpClient c, string service)
        {
            c.BaseAddress = new($"https+http://{service}");
            if (!string.IsNullOrWhiteSpace(key)) c.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        builder.Services.AddHttpClient<IngestClient>(c => Configure(c, "ingest"));
        builder.Services.AddHttpClient<FeaturesClient>(c => Configure(c, "features"));
        builder.Services.AddHttpClient<TrainingClient>(c => Configure(c, "training"));
        builder.Services.AddHttpClient<InferenceClient>(c => Configure(c, "inference"));
    }
}

/// <summary>A call's outcome: the value, or a message fit to show a person.</summary>
public sealed record ApiResult<T>(T? Value, string? Error, HttpStatusCode? Status = null)
{
    public bool Ok => Error is null;

    public static async Task<ApiResult<T>> From(Func<Task<HttpResponseMessage>> send, string what)
    {
        try
        {
            using var response = await send();
            if (response.IsSuccessStatusCode) return new(await response.Content.ReadFromJsonAsync<T>(), null, response.StatusCode);
            var problem = await ReadProblemAsync(response);
            return new(default, $"{what}: {problem}", response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return new(default, $"{what}: service unreachable ({e.Message})");
        }
        catch (TaskCanceledException)
        {
            return new(default, $"{what}: the service did not answer in time");
        }
        catch (Polly.ExecutionRejectedException)
        {
            // The circuit breaker is open after a run of failures (a service restarting): a message, not a broken page.
            return new(default, $"{what}: service unavailable after repeated failures; retrying shortly");
        }
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>();
            if (problem?.Detail is { Length: > 0 } detail) return detail;
            if (problem?.Title is { Length: > 0 } title) return title;
        }
        catch (System.Text.Json.JsonException) { }
        catch (NotSupportedException) { }
        return $"{(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private sealed record ProblemBody(string? Title, string? Detail);
}

/// <summary>
/// A service's health as its <c>/health</c> endpoint reports it. Unhealthy services answer 503 with the same body,
/// so the body is read whatever the status; no answer at all is "Unreachable".
/// </summary>
public static class ServiceHealth
{
    public static async Task<ServiceHealthDto> ProbeAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("/health", ct);
            return await response.Content.ReadFromJsonAsync<ServiceHealthDto>(ct)
                ?? new ServiceHealthDto($"{(int)response.StatusCode} {response.ReasonPhrase}", 0, []);
        }
        catch (HttpRequestException e) { return new ServiceHealthDto("Unreachable", 0, [new HealthCheckDto("http", "Unreachable", e.Message)]); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return new ServiceHealthDto("Unreachable", 0, [new HealthCheckDto("http", "Unreachable", "no answer in time")]); }
        catch (Polly.ExecutionRejectedException) { return new ServiceHealthDto("Unreachable", 0, [new HealthCheckDto("http", "Unreachable", "repeated failures; the circuit breaker is open")]); }
        catch (System.Text.Json.JsonException) { return new ServiceHealthDto("Unknown", 0, [new HealthCheckDto("http", "Unknown", "the health answer was not JSON")]); }
    }
}

public sealed class IngestClient(HttpClient http)
{
    public Task<ServiceHealthDto> HealthAsync(CancellationToken ct = default) => ServiceHealth.ProbeAsync(http, ct);

    public Task<ApiResult<SymbolDto[]>> SymbolsAsync(CancellationToken ct = default) =>
        ApiResult<SymbolDto[]>.From(() => http.GetAsync("/v1/symbols", ct), "symbols");

    /// <param name="raw">Prices as traded rather than adjusted for dividends and splits (what features use).</param>
    public Task<ApiResult<BarsResponse>> BarsAsync(string symbol, int last, CancellationToken ct = default, string interval = "1d", bool raw = false) =>
        ApiResult<BarsResponse>.From(() => http.GetAsync($"/v1/bars/{Uri.EscapeDataString(symbol)}?last={last}{IntervalQuery(interval)}{(raw ? "&prices=raw" : "")}", ct),
            interval == "1d" ? $"bars of {symbol}" : $"{interval} bars of {symbol}");

    // Daily is the default everywhere: its URLs stay as they were.
    internal static string IntervalQuery(string interval) => interval == "1d" ? "" : $"&interval={Uri.EscapeDataString(interval)}";

    public Task<ApiResult<LakeWriterStatusDto>> StatusAsync(CancellationToken ct = default) =>
        ApiResult<LakeWriterStatusDto>.From(() => http.GetAsync("/v1/ingest/status", ct), "lake writer status");

    public Task<ApiResult<ConsumerLagDto[]>> LagAsync(CancellationToken ct = default) =>
        ApiResult<ConsumerLagDto[]>.From(() => http.GetAsync("/v1/kafka/lag", ct), "consumer lag");
}

public sealed class FeaturesClient(HttpClient http)
{
    public Task<ServiceHealthDto> HealthAsync(CancellationToken ct = default) => ServiceHealth.ProbeAsync(http, ct);

    public Task<ApiResult<FeatureHistoryResponse>> HistoryAsync(string symbol, DateTime from, CancellationToken ct = default, string interval = "1d") =>
        ApiResult<FeatureHistoryResponse>.From(() => http.GetAsync(interval == "1d"
            ? $"/v1/features/history/{Uri.EscapeDataString(symbol)}?from={from:yyyy-MM-dd}"
            : $"/v1/features/history/{Uri.EscapeDataString(symbol)}?from={from:yyyy-MM-ddTHH:mm:ssZ}&view=price_{Uri.EscapeDataString(interval)}_v1", ct), $"features of {symbol}");

    public Task<ApiResult<FeatureHistoryResponse>> SentimentHistoryAsync(string symbol, CancellationToken ct = default) =>
        ApiResult<FeatureHistoryResponse>.From(() => http.GetAsync($"/v1/features/history/{Uri.EscapeDataString(symbol)}?view=sentiment", ct), $"sentiment features of {symbol}");

    public Task<ApiResult<SentimentSummaryDto[]>> SentimentSymbolsAsync(CancellationToken ct = default) =>
        ApiResult<SentimentSummaryDto[]>.From(() => http.GetAsync("/v1/sentiment/symbols", ct), "sentiment by symbol");

    public Task<ApiResult<ScoredTextDto[]>> ScoredTextsAsync(string? symbol, int limit, CancellationToken ct = default) =>
        ApiResult<ScoredTextDto[]>.From(() => http.GetAsync(symbol is null ? $"/v1/sentiment/texts?limit={limit}" : $"/v1/sentiment/texts?symbol={Uri.EscapeDataString(symbol)}&limit={limit}", ct), "scored texts");

    public Task<ApiResult<FeatureWatermarkDto[]>> WatermarksAsync(CancellationToken ct = default) =>
        ApiResult<FeatureWatermarkDto[]>.From(() => http.GetAsync("/v1/features/watermarks", ct), "feature watermarks");

    public Task<ApiResult<FeatureViewDto[]>> RegistryAsync(CancellationToken ct = default) =>
        ApiResult<FeatureViewDto[]>.From(() => http.GetAsync("/v1/features/registry", ct), "feature registry");

    public Task<ApiResult<OnlineFeaturesResponse>> OnlineAsync(IEnumerable<string> symbols, string view, CancellationToken ct = default) =>
        ApiResult<OnlineFeaturesResponse>.From(() => http.GetAsync($"/v1/features/online?symbols={Uri.EscapeDataString(string.Join(',', symbols))}&view={Uri.EscapeDataString(view)}", ct), "online features");
}

/// <summary>
/// The training service's API. Actions (queue, promote, roll back, backtest, drift check) are the signed-in operator's:
/// refused here for anyone else, and sent on their behalf so the service records who did it.
/// </summary>
public sealed class TrainingClient(HttpClient http, AuthenticationStateProvider auth)
{
    public const string OnBehalfOfHeader = "X-On-Behalf-Of";

    private async Task<ApiResult<T>> AsOperatorAsync<T>(HttpMethod method, string path, object? body, string what, CancellationToken ct)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity is not { IsAuthenticated: true, Name: { } name }) return new(default, $"{what}: sign in first", HttpStatusCode.Unauthorized);
        if (!user.IsInRole(DashboardRoles.Operator))
            return new(default, $"{what}: {name} is signed in as a {DashboardRoles.Viewer}; only an {DashboardRoles.Operator} may do this", HttpStatusCode.Forbidden);
        return await ApiResult<T>.From(() =>
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add(OnBehalfOfHeader, name);
            return http.SendAsync(request, ct);
        }, what);
    }

    public Task<ServiceHealthDto> HealthAsync(CancellationToken ct = default) => ServiceHealth.ProbeAsync(http, ct);

    public Task<ApiResult<ModelVersionDto[]>> ModelsAsync(CancellationToken ct = default) =>
        ApiResult<ModelVersionDto[]>.From(() => http.GetAsync("/v1/registry/models", ct), "model registry");

    public Task<ApiResult<AliasEventDto[]>> AliasHistoryAsync(string model, CancellationToken ct = default) =>
        ApiResult<AliasEventDto[]>.From(() => http.GetAsync($"/v1/registry/models/{Uri.EscapeDataString(model)}/history", ct), "alias history");

    public Task<ApiResult<PredictionsResponse>> PredictionsAsync(string model, int version, string symbol, CancellationToken ct = default) =>
        ApiResult<PredictionsResponse>.From(() => http.GetAsync($"/v1/registry/models/{Uri.EscapeDataString(model)}/versions/{version}/predictions?symbol={Uri.EscapeDataString(symbol)}", ct), "test predictions");

    public Task<ApiResult<TrainingJobDto[]>> JobsAsync(CancellationToken ct = default) =>
        ApiResult<TrainingJobDto[]>.From(() => http.GetAsync("/v1/training/jobs?limit=20", ct), "training jobs");

    public Task<ApiResult<TrainingJobDto>> QueueJobAsync(TrainRequest request, CancellationToken ct = default) =>
        AsOperatorAsync<TrainingJobDto>(HttpMethod.Post, "/v1/training/jobs", request, $"queueing {request.Target}-{request.Algorithm}", ct);

    public Task<ApiResult<AliasEventDto>> SetAliasAsync(string model, string alias, int version, string reason, CancellationToken ct = default) =>
        AsOperatorAsync<AliasEventDto>(HttpMethod.Post, $"/v1/registry/models/{Uri.EscapeDataString(model)}/aliases/{Uri.EscapeDataString(alias)}",
            new AliasChangeRequest(version, reason), $"moving {model}@{alias}", ct);

    public Task<ApiResult<AliasEventDto>> RollbackAsync(string model, string alias, string reason, CancellationToken ct = default) =>
        AsOperatorAsync<AliasEventDto>(HttpMethod.Post, $"/v1/registry/models/{Uri.EscapeDataString(model)}/aliases/{Uri.EscapeDataString(alias)}/rollback",
            new AliasRollbackRequest(reason), $"rolling back {model}@{alias}", ct);

    public Task<ApiResult<BacktestSummaryDto[]>> BacktestsAsync(CancellationToken ct = default) =>
        ApiResult<BacktestSummaryDto[]>.From(() => http.GetAsync("/v1/backtests", ct), "backtests");

    public Task<ApiResult<BacktestDto>> BacktestAsync(string runId, CancellationToken ct = default) =>
        ApiResult<BacktestDto>.From(() => http.GetAsync($"/v1/backtests/{Uri.EscapeDataString(runId)}", ct), $"backtest {runId}");

    public Task<ApiResult<BacktestDto>> RunBacktestAsync(BacktestRequest request, CancellationToken ct = default) =>
        AsOperatorAsync<BacktestDto>(HttpMethod.Post, "/v1/backtests", request, "backtest", ct);

    public Task<ApiResult<TuningJobDto[]>> TuningJobsAsync(CancellationToken ct = default) =>
        ApiResult<TuningJobDto[]>.From(() => http.GetAsync("/v1/tuning?limit=20", ct), "tuning jobs");

    public Task<ApiResult<TuningJobDto>> TuningJobAsync(long id, CancellationToken ct = default) =>
        ApiResult<TuningJobDto>.From(() => http.GetAsync($"/v1/tuning/{id}", ct), $"tuning job {id}");

    public Task<ApiResult<TuningJobDto>> StartTuningAsync(TuningJobRequest request, CancellationToken ct = default) =>
        AsOperatorAsync<TuningJobDto>(HttpMethod.Post, "/v1/tuning", request, $"tuning {request.Target}-{request.Model}", ct);

    public Task<ApiResult<PortfolioJobDto[]>> PortfolioJobsAsync(CancellationToken ct = default) =>
        ApiResult<PortfolioJobDto[]>.From(() => http.GetAsync("/v1/portfolios?limit=20", ct), "portfolio backtests");

    public Task<ApiResult<PortfolioJobDto>> PortfolioJobAsync(long id, CancellationToken ct = default) =>
        ApiResult<PortfolioJobDto>.From(() => http.GetAsync($"/v1/portfolios/{id}", ct), $"portfolio backtest {id}");

    public Task<ApiResult<PortfolioJobDto>> StartPortfolioAsync(PortfolioJobRequest request, CancellationToken ct = default) =>
        AsOperatorAsync<PortfolioJobDto>(HttpMethod.Post, "/v1/portfolios", request, "portfolio backtest", ct);

    public Task<ApiResult<DriftSummaryDto[]>> DriftSummariesAsync(CancellationToken ct = default) =>
        ApiResult<DriftSummaryDto[]>.From(() => http.GetAsync("/v1/monitoring/drift", ct), "drift reports");

    public Task<ApiResult<DriftReportDto>> DriftAsync(string model, CancellationToken ct = default) =>
        ApiResult<DriftReportDto>.From(() => http.GetAsync($"/v1/monitoring/drift/{Uri.EscapeDataString(model)}", ct), $"drift of {model}");

    public Task<ApiResult<ModelPerformanceDto>> PerformanceAsync(string model, CancellationToken ct = default) =>
        ApiResult<ModelPerformanceDto>.From(() => http.GetAsync($"/v1/monitoring/performance/{Uri.EscapeDataString(model)}", ct), $"performance of {model}");

    public Task<ApiResult<DecayCheckDto>> DecayAsync(string model, CancellationToken ct = default) =>
        ApiResult<DecayCheckDto>.From(() => http.GetAsync($"/v1/monitoring/decay/{Uri.EscapeDataString(model)}", ct), $"performance decay of {model}");

    public Task<ApiResult<ModelCoverageDto>> CoverageAsync(string model, CancellationToken ct = default) =>
        ApiResult<ModelCoverageDto>.From(() => http.GetAsync($"/v1/monitoring/coverage/{Uri.EscapeDataString(model)}", ct), $"interval coverage of {model}");

    public Task<ApiResult<DriftReportDto>> RunDriftAsync(string model, CancellationToken ct = default) =>
        AsOperatorAsync<DriftReportDto>(HttpMethod.Post, $"/v1/monitoring/drift/{Uri.EscapeDataString(model)}", null, $"drift check of {model}", ct);

    public Task<ApiResult<PipelineDto[]>> PipelinesAsync(CancellationToken ct = default) =>
        ApiResult<PipelineDto[]>.From(() => http.GetAsync("/v1/pipelines", ct), "pipelines");

    public Task<ApiResult<PipelineRunDto[]>> PipelineRunsAsync(CancellationToken ct = default) =>
        ApiResult<PipelineRunDto[]>.From(() => http.GetAsync("/v1/pipelines/runs?limit=30", ct), "pipeline runs");

    public Task<ApiResult<PipelineRunDto>> PipelineRunAsync(long id, CancellationToken ct = default) =>
        ApiResult<PipelineRunDto>.From(() => http.GetAsync($"/v1/pipelines/runs/{id}", ct), $"pipeline run {id}");

    public Task<ApiResult<PipelineRunDto>> StartPipelineAsync(string pipeline, CancellationToken ct = default) =>
        AsOperatorAsync<PipelineRunDto>(HttpMethod.Post, $"/v1/pipelines/{Uri.EscapeDataString(pipeline)}/runs", null, $"starting {pipeline}", ct);
}

public sealed class InferenceClient(HttpClient http)
{
    public Task<ServiceHealthDto> HealthAsync(CancellationToken ct = default) => ServiceHealth.ProbeAsync(http, ct);

    public Task<ApiResult<ForecastDto>> ForecastAsync(string symbol, CancellationToken ct = default) => ForecastAsync(symbol, "ret1", ct);

    public Task<ApiResult<ForecastDto>> ForecastAsync(string symbol, string target, CancellationToken ct = default, string interval = "1d") =>
        ForecastAsync(symbol, target, explain: false, ct, interval);

    /// <summary>With <paramref name="explain"/>, the forecast carries each input's contribution (409 when the served model cannot say).</summary>
    public Task<ApiResult<ForecastDto>> ForecastAsync(string symbol, string target, bool explain, CancellationToken ct = default, string interval = "1d") =>
        ApiResult<ForecastDto>.From(() => http.GetAsync(
                $"/v1/forecast/{Uri.EscapeDataString(symbol)}?target={Uri.EscapeDataString(target)}{(explain ? "&explain=true" : "")}{IngestClient.IntervalQuery(interval)}", ct),
            target == "ret1" ? $"forecast for {symbol}" : $"{target} forecast for {symbol}");

    /// <summary>The forecast of a model served by name beside the target's own (<c>vol5-tft</c>, <c>ret1-deepar</c>; daily bars
    /// only): 503 "No model" while it has no champion yet, 400 when the inference service does not serve it. With
    /// <paramref name="explain"/> a TFT's forecast carries its attention (variable-selection and lookback weights).</summary>
    public Task<ApiResult<ForecastDto>> ModelForecastAsync(string symbol, string target, string model, bool explain = false, CancellationToken ct = default) =>
        ApiResult<ForecastDto>.From(() => http.GetAsync(
                $"/v1/forecast/{Uri.EscapeDataString(symbol)}?target={Uri.EscapeDataString(target)}&model={Uri.EscapeDataString(model)}{(explain ? "&explain=true" : "")}", ct),
            $"{model} forecast for {symbol}");

    public Task<ApiResult<LoadedModelDto[]>> ModelsAsync(CancellationToken ct = default) =>
        ApiResult<LoadedModelDto[]>.From(() => http.GetAsync("/v1/models", ct), "served models");

    public Task<ApiResult<RiskDto>> RiskAsync(string symbol, CancellationToken ct = default) =>
        ApiResult<RiskDto>.From(() => http.GetAsync($"/v1/risk/{Uri.EscapeDataString(symbol)}", ct), $"risk of {symbol}");
}
