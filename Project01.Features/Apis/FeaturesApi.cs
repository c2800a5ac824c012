using Project01.ApiKeys;
using Project01.ApiSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Features.Workers;

namespace Project01.Features.Apis;

public static class FeaturesApi
{
    public static IEndpointRouteBuilder MapFeaturesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/features").WithTags("Features");
        api.MapGet("/online", GetOnline).WithName("GetOnlineFeatures").WithSummary("Latest values for many symbols in one call");
        api.MapGet("/history/{symbol}", GetHistory).WithName("GetFeatureHistory").WithSummary("Offline history of one symbol (optionally a date range)");
        api.MapPost("/historical", GetHistorical).RequireScopeForHeavyWork(ApiScopes.Features).WithName("GetHistoricalFeatures")
            .WithSummary("Point-in-time correct values for entity rows (symbol, time): no value from after the time, TTL respected");
        api.MapGet("/registry", GetRegistry).WithName("GetFeatureRegistry").WithSummary("Feature views and their definitions");
        api.MapGet("/watermarks", GetWatermarks).WithName("GetFeatureWatermarks").WithSummary("How far each symbol's features are");
        api.MapGet("/status", GetStatus).WithName("GetFeatureStreamStatus").WithSummary("Backfill and stream progress");
        return app;
    }

    private static async Task<Results<Ok<OnlineFeaturesResponse>, ValidationProblem>> GetOnline(string? symbols, string? view, OnlineFeatureStore online)
    {
        var list = (symbols ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Symbols.Normalize).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (list.Count is 0 or > 1000) errors["symbols"] = ["give 1 to 1000 comma-separated symbols"];
        if (list.FirstOrDefault(s => !Symbols.IsValid(s)) is { } bad) errors["symbols"] = [$"'{bad}' is not a valid symbol"];
        if (!TryFindView(view, out var fv, out var viewError)) errors["view"] = [viewError!];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var found = await online.GetAsync(fv!, list);
        var entities = found.Where(f => f is not null).Select(f => new OnlineFeaturesDto(f!.Symbol, fv!.Key, f.EventTime, f.CreatedAt,
            fv.Features.ToDictionary(n => n, n => f.Values.TryGetValue(n, out var v) ? v : (double?)null))).ToList();
        var missing = list.Where((_, i) => found[i] is null).ToList();
        return TypedResults.Ok(new OnlineFeaturesResponse(entities, missing));
    }

    private static async Task<Results<Ok<FeatureHistoryResponse>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string symbol, string? view, DateTime? from, DateTime? to, OfflineFeatureStore offline, CancellationToken ct)
    {
        symbol = Symbols.Normalize(symbol);
        if (!Symbols.IsValid(symbol))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["symbol"] = [$"'{symbol}' is not a valid symbol"] });
        if (!TryFindView(view, out var fv, out var viewError))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["view"] = [viewError!] });
        var rows = await offline.GetHistoryAsync(fv!, symbol, from?.ToUniversalTime(), to?.ToUniversalTime(), ct);
        if (rows.Count == 0 && from is null && to is null)
            return TypedResults.Problem(title: "Unknown symbol", detail: $"no {fv!.Key} history for '{symbol}'", statusCode: 404);
        return TypedResults.Ok(new FeatureHistoryResponse(symbol, fv!.Key, fv.Features,
            rows.Select(r => new FeatureRowDto(r.EventTime, fv.Features.Select((n, i) => (n, v: r.Values[i]))
                .ToDictionary(p => p.n, p => double.IsFinite(p.v) ? p.v : (double?)null))).ToList()));
    }

    private const int MaxEntityRows = 1_000_000;

    private static async Task<Results<Ok<HistoricalFeaturesResponse>, ValidationProblem>> GetHistorical(HistoricalFeaturesRequest request,
        OfflineFeatureStore offline, CancellationToken ct)
    {
        if (!TryFindView(request.View, out var view, out var viewError))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["view"] = [viewError!] });
        if (request.Entities is not { Count: > 0 and <= MaxEntityRows })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["entities"] = [$"give 1 to {MaxEntityRows:N0} entity rows"] });
        var features = request.Features ?? view!.Features;
        var unknown = features.Where(f => !view!.Features.Contains(f)).ToList();
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["features"] = [$"not in {view!.Key}: {string.Join(", ", unknown)}"] });
        var entities = request.Entities.Select(e => new EntityRow(Symbols.Normalize(e.Symbol), e.Time.ToUniversalTime())).ToList();
        var rows = await offline.GetHistoricalFeaturesAsync(view!, entities, ct);
        var indexes = features.Select(f => view!.Features.ToList().IndexOf(f)).ToArray();
        return TypedResults.Ok(new HistoricalFeaturesResponse(view!.Key, features, rows.Select(r => new HistoricalFeaturesRowDto(
            r.Entity.Symbol, r.Entity.Time, r.FeatureTime,
            features.Select((f, i) => (f, v: r.Values[indexes[i]])).ToDictionary(p => p.f, p => double.IsFinite(p.v) ? p.v : (double?)null))).ToList()));
    }

    private static async Task<Ok<FeatureViewDto[]>> GetRegistry(FeatureRegistry registry, CancellationToken ct) =>
        TypedResults.Ok((await registry.ListAsync(ct)).Select(v => new FeatureViewDto(v.Name, v.Version, v.Entity, v.Source, v.Features, v.Ttl, v.Description,
            v.Transformation, v.Fingerprint, v.AppliedAt, v.AppliedBy)).ToArray());

    private static async Task<Ok<FeatureWatermarkDto[]>> GetWatermarks(OfflineFeatureStore offline, CancellationToken ct) =>
        TypedResults.Ok((await offline.GetWatermarksAsync(ct: ct)).Select(w => new FeatureWatermarkDto(w.View, w.Symbol, w.LastEventTime, w.Rows, w.UpdatedAt)).ToArray());

    private static Ok<FeatureStreamStatus> GetStatus(FeatureStreamStatus status) => TypedResults.Ok(status);

    private static bool TryFindView(string? name, out FeatureView? view, out string? error)
    {
        try
        {
            view = FeatureView.Find(string.IsNullOrEmpty(name) ? FeatureView.Price.Key : name);
            error = null;
            return true;
        }
        catch (KeyNotFoundException e)
        {
            view = null;
            error = e.Message;
            return false;
        }
    }
}
