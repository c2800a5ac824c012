using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Project01.Contracts;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Inference.Extensions;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Project01.Serving.Forecasting;

namespace Project01.Inference.Apis;

public static class ForecastApi
{

    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Forecasts");
        api.MapGet("/forecast/{symbol}", GetForecast).WithName("GetForecast").RequireScope(ApiScopes.Forecast)
            .WithSummary("Forecast for the next period (the next bar with ?interval=5m) from the latest online features and the served model; explain=true adds each input's contribution; level=0.9 the 90 % interval; model= a model served by name beside the target's (vol5-tft, vol5-deepar, …)");
        api.MapPost("/forecast/batch", PostBatch).WithName("GetForecastBatch").RequireScope(ApiScopes.Forecast)
            .WithSummary("Forecasts for many symbols in one call; symbols without one are listed with the reason");
        api.MapPost("/predict", PostPredict).WithName("Predict").RequireScope(ApiScopes.Predict)
            .WithSummary("Score caller-supplied feature rows with the served model of a target");
        api.MapGet("/models", GetModels).WithName("GetLoadedModels").RequireScope(ApiScopes.Models)
            .WithSummary("Models loaded for serving, with versions, aliases, lineage and execution provider");
        return app;
    }

    private static async Task<Results<Ok<ForecastDto>, ProblemHttpResult, ValidationProblem>> GetForecast(
        string symbol, string? target, string? interval, bool? explain, double? level, string? model, ForecastEngine engine, ServedModels served, CancellationToken ct)
    {
        symbol = Symbols.Normalize(symbol);
        var errors = Validate(served, ref target);
        string? modelKey = null;
        if (!string.IsNullOrEmpty(model) && !errors.ContainsKey("target"))
        {
            if (!served.ServesModel(target!, model.ToLowerInvariant()))
                errors["model"] = [$"'{model}' is not served for {target} (served: {string.Join(", ", served.Models.Where(m => m.Target == target).Select(m => m.Name))})"];
            else if (served.KeyOf(model.ToLowerInvariant()) is var key && key != target) modelKey = key;
            if (!string.IsNullOrEmpty(interval) && interval != "1d") errors["model"] = ["a model by name is served on daily bars only"];
        }
        if (!Symbols.IsValid(symbol)) errors["symbol"] = [$"'{symbol}' is not a valid symbol"];
        var bars = BarInterval.Daily;
        if (!string.IsNullOrEmpty(interval) && !BarInterval.TryParse(interval, out bars, out var problem)) errors["interval"] = [problem];
        if (!bars.IsDaily && !errors.ContainsKey("target") && !served.Serves(target!, bars))
            errors["target"] = [$"no intraday model forecasts '{target}' (served on intraday bars: {string.Join(", ", served.IntradayModels.Select(m => m.Target).Distinct())})"];
        if (level is { } l && !ServedInterval.Levels.Any(x => Math.Abs(x - l) < 1e-9))
            errors["level"] = [$"the interval's coverage is 0.8 (the default) or 0.9, not {l}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (NoModel(engine, target!, bars, modelKey) is { } unavailable) return unavailable;

        var outcome = (await engine.ForecastAsync([symbol], target!, "forecast", explain == true, ct, bars, level, modelKey))[0];
        return outcome.Forecast is { } f
            ? TypedResults.Ok(f)
            : TypedResults.Problem(title: outcome.Problem!.Title, detail: outcome.Problem.Detail, statusCode: outcome.Problem.Status,
                extensions: outcome.Problem.Extensions?.ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    private static async Task<Results<Ok<BatchForecastResponse>, ProblemHttpResult, ValidationProblem>> PostBatch(
        BatchForecastRequest request, ForecastEngine engine, ServedModels served, IOptions<InferenceOptions> options, CancellationToken ct)
    {
        var target = request.Target;
        var errors = Validate(served, ref target);
        var symbols = (request.Symbols ?? []).Select(Symbols.Normalize).ToList();
        if (symbols.Count == 0) errors["symbols"] = ["give at least one symbol"];
        else if (symbols.Count > options.Value.MaxBatchSymbols) errors["symbols"] = [$"{symbols.Count} symbols; at most {options.Value.MaxBatchSymbols} per call"];
        else if (symbols.Where(s => !Symbols.IsValid(s)).ToList() is { Count: > 0 } invalid)
            errors["symbols"] = [$"not valid symbols: {string.Join(", ", invalid.Take(10).Select(s => $"'{s}'"))}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (NoModel(engine, target!) is { } unavailable) return unavailable;

        var outcomes = await engine.ForecastAsync([.. symbols.Distinct()], target!, "forecast-batch", explain: false, ct);
        return TypedResults.Ok(new BatchForecastResponse(target!,
            [.. outcomes.Where(o => o.Forecast is not null).Select(o => o.Forecast!)],
            [.. outcomes.Where(o => o.Problem is not null).Select(o => new ForecastProblemDto(o.Symbol, o.Problem!.Status, o.Problem.Title, o.Problem.Detail))]));
    }

    private static Results<Ok<PredictResponse>, ProblemHttpResult, ValidationProblem> PostPredict(
        PredictRequest request, ForecastEngine engine, ServedModels served, IOptions<InferenceOptions> options)
    {
        var target = request.Target;
        var errors = Validate(served, ref target);
        var rows = request.Rows ?? [];
        if (rows.Count == 0) errors["rows"] = ["give at least one row of features"];
        else if (rows.Count > options.Value.MaxPredictRows) errors["rows"] = [$"{rows.Count} rows; at most {options.Value.MaxPredictRows} per call"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (NoModel(engine, target!) is { } unavailable) return unavailable;

        var model = engine.Model(target!)!;
        var inputs = model.Version.Inputs;
        var vectors = new List<double[]>(rows.Count);
        for (var r = 0; r < rows.Count && errors.Count < 10; r++)
        {
            var row = rows[r] ?? new Dictionary<string, double>();
            var missing = inputs.Where(i => !row.ContainsKey(i)).ToList();
            var unknown = row.Keys.Where(k => !inputs.Contains(k)).ToList();
            var notFinite = row.Where(kv => !double.IsFinite(kv.Value)).Select(kv => kv.Key).ToList();
            if (missing.Count > 0) errors[$"rows[{r}]"] = [$"missing {string.Join(", ", missing)}"];
            else if (unknown.Count > 0) errors[$"rows[{r}]"] = [$"not inputs of {model.Version.Name} v{model.Version.Version}: {string.Join(", ", unknown)}"];
            else if (notFinite.Count > 0) errors[$"rows[{r}]"] = [$"not finite: {string.Join(", ", notFinite)}"];
            else vectors.Add([.. inputs.Select(i => row[i])]);
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var values = engine.Predict(model, vectors, "predict");
        return TypedResults.Ok(new PredictResponse(target!, model.Version.Name, model.Version.Version, inputs, values, model.Session.ExecutionProvider));
    }

    private static Ok<LoadedModelDto[]> GetModels(ModelCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(m => new LoadedModelDto(m.Version.Name, m.Version.Version, m.Version.Target, m.Alias,
            m.Session.ExecutionProvider, m.Session.ExecutionProviderNote, m.Version.Inputs, m.LoadedAt)).ToArray());

    private static Dictionary<string, string[]> Validate(ServedModels served, ref string? target)
    {
        target = string.IsNullOrEmpty(target) ? ForecastTarget.Ret1.Name() : target.ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (!served.Serves(target)) errors["target"] = [$"unknown target '{target}' (served: {string.Join(", ", served.Targets)})"];
        return errors;
    }

    private static ProblemHttpResult? NoModel(ForecastEngine engine, string target, BarInterval? interval = null, string? modelKey = null) =>
        engine.Model(target, interval, modelKey) is not null ? null
        : modelKey is not null
            ? TypedResults.Problem(title: "No model", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"{modelKey} has no champion in the registry yet: train it first (POST /v1/training/jobs with its target and algorithm)")
            : TypedResults.Problem(title: "No model", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"no model is being served for target '{target}'{(interval is { IsDaily: false } i ? $" on {i} bars" : "")} yet: the registry has no champion for it (training runs once features are in)");
}
