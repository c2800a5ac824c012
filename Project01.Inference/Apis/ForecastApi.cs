using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Inference.Models;

namespace Project01.Inference.Apis;

public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Forecasts");
        api.MapGet("/forecast/{symbol}", GetForecast).WithName("GetForecast")
            .WithSummary("Forecast for the next period from the latest online features and the served model");
        api.MapGet("/models", GetModels).WithName("GetLoadedModels").WithSummary("Models loaded for serving, with versions and execution provider");
        return app;
    }

    private static async Task<Results<Ok<ForecastDto>, ProblemHttpResult, ValidationProblem>> GetForecast(
        string symbol, string? target, ModelCatalog catalog, OnlineFeatureStore online, MarketClock clock, CancellationToken ct)
    {
        symbol = Symbols.Normalize(symbol);
        target = string.IsNullOrEmpty(target) ? "ret1" : target.ToLowerInvariant();
        if (!Symbols.IsValid(symbol))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["symbol"] = [$"'{symbol}' is not a valid symbol"] });
        if (target != "ret1")
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["target"] = [$"unknown target '{target}' (served: ret1)"] });

        if (catalog.Get(target) is not { } model)
            return TypedResults.Problem(title: "No model", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"no model is being served for target '{target}' yet: the registry has no champion (training runs once features are in)");

        var view = FeatureView.Price;
        if ((await online.GetAsync(view, [symbol]))[0] is not { } features)
            return TypedResults.Problem(title: "Unknown symbol", statusCode: StatusCodes.Status404NotFound,
                detail: $"the online store has no {view.Key} features for '{symbol}'");

        if (await clock.NowAsync(view, ct) is { } now && now - features.EventTime > view.Ttl)
            return TypedResults.Problem(title: "Stale features", statusCode: StatusCodes.Status409Conflict,
                detail: $"{symbol}'s features are from {features.EventTime:O}, {(now - features.EventTime).TotalDays:F1} days behind the market clock ({now:O}); the view's TTL is {view.Ttl.TotalDays:F0} days",
                extensions: new Dictionary<string, object?> { ["ageSeconds"] = (now - features.EventTime).TotalSeconds, ["featureTime"] = features.EventTime });

        var vector = features.Vector(model.Version.Inputs);
        var missing = model.Version.Inputs.Where((_, i) => !double.IsFinite(vector[i])).ToList();
        if (missing.Count > 0)
            return TypedResults.Problem(title: "Features not ready", statusCode: StatusCodes.Status409Conflict,
                detail: $"{symbol} lacks {string.Join(", ", missing)} (indicator warm-up: not enough bars yet)");

        var value = model.Session.Predict(vector.Select(v => (float)v).ToArray())[0];
        var lower = model.Version.IntervalLower is { } l ? value + l : (double?)null;
        var upper = model.Version.IntervalUpper is { } u ? value + u : (double?)null;
        return TypedResults.Ok(new ForecastDto(symbol, target, value, lower, upper, model.Version.IntervalCoverage, features.EventTime,
            NextSession(features.EventTime), model.Version.Name, model.Version.Version, model.Session.ExecutionProvider));
    }

    private static Ok<LoadedModelDto[]> GetModels(ModelCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(m => new LoadedModelDto(m.Version.Name, m.Version.Version, m.Version.Target, m.Alias,
            m.Session.ExecutionProvider, m.Session.ExecutionProviderNote, m.Version.Inputs, m.LoadedAt)).ToArray());

    /// <summary>The next weekday after a daily bar (exchange holidays are not modelled).</summary>
    private static DateTime NextSession(DateTime t)
    {
        var next = t.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) next = next.AddDays(1);
        return next;
    }
}
