using System.Security.Claims;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.ModelRegistry.Registry;

namespace Project01.Training.Apis;

public static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/registry").WithTags("Registry");
        api.MapGet("/models", ListModels).WithName("ListModelVersions").WithSummary("All model versions, newest first, with their aliases");
        api.MapGet("/models/{name}/versions/{version:int}", GetVersion).WithName("GetModelVersion");
        api.MapGet("/models/{name}/aliases/{alias}", GetByAlias).WithName("GetModelByAlias");
        api.MapGet("/models/{name}/history", GetAliasHistory).WithName("GetAliasHistory").WithSummary("Every alias move: who, when, why");
        api.MapGet("/models/{name}/versions/{version:int}/predictions", GetPredictions).WithName("GetTestPredictions")
            .WithSummary("Out-of-sample predictions of a version on its test span, with outcomes");
        api.MapPost("/models/{name}/aliases/{alias}", SetAlias).RequireScope(ApiScopes.Registry).WithName("SetModelAlias")
            .WithSummary("Point an alias (e.g. champion) at a version; the move and its reason go into the alias history");
        api.MapPost("/models/{name}/aliases/{alias}/rollback", Rollback).RequireScope(ApiScopes.Registry).WithName("RollbackModelAlias")
            .WithSummary("Move an alias back to the version it pointed at before its latest move");
        return app;
    }

    private static async Task<Ok<ModelVersionDto[]>> ListModels(string? name, ModelRegistryStore registry, CancellationToken ct)
    {
        var versions = await registry.ListAsync(name, ct);
        var aliases = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        foreach (var n in versions.Select(v => v.Name).Distinct()) aliases[n] = await registry.GetAliasesAsync(n, ct);
        return TypedResults.Ok(versions.Select(v => ToDto(v, aliases[v.Name])).ToArray());
    }

    private static async Task<Results<Ok<ModelVersionDto>, NotFound>> GetVersion(string name, int version, ModelRegistryStore registry, CancellationToken ct) =>
        await registry.GetVersionAsync(name, version, ct) is { } v ? TypedResults.Ok(ToDto(v, await registry.GetAliasesAsync(name, ct))) : TypedResults.NotFound();

    private static async Task<Results<Ok<ModelVersionDto>, NotFound>> GetByAlias(string name, string alias, ModelRegistryStore registry, CancellationToken ct) =>
        await registry.GetByAliasAsync(name, alias, ct) is { } v ? TypedResults.Ok(ToDto(v, await registry.GetAliasesAsync(name, ct))) : TypedResults.NotFound();

    private static async Task<Ok<AliasEventDto[]>> GetAliasHistory(string name, ModelRegistryStore registry, CancellationToken ct) =>
        TypedResults.Ok((await registry.GetAliasHistoryAsync(name, ct)).Select(e => new AliasEventDto(e.Name, e.Alias, e.Version, e.PreviousVersion, e.At, e.By, e.Reason)).ToArray());

    private static async Task<Results<Ok<PredictionsResponse>, NotFound>> GetPredictions(string name, int version, string symbol,
        ModelRegistryStore registry, CancellationToken ct)
    {
        if (await registry.GetVersionAsync(name, version, ct) is null) return TypedResults.NotFound();
        var predictions = await registry.GetPredictionsAsync(name, version, symbol.Trim().ToUpperInvariant(), ct);
        return TypedResults.Ok(new PredictionsResponse(name, version, symbol.ToUpperInvariant(),
            predictions.Select(p => new PredictionDto(p.FeatureTime, p.TargetTime, p.Predicted, p.Actual, p.Split)).ToList()));
    }

    private static async Task<Results<Ok<AliasEventDto>, ProblemHttpResult>> SetAlias(string name, string alias, AliasChangeRequest request,
        ClaimsPrincipal user, ModelRegistryStore registry, CancellationToken ct) =>
        await AliasChange(() => registry.SetAliasAsync(name, alias, request.Version, user.Actor(), request.Reason ?? "", ct));

    private static async Task<Results<Ok<AliasEventDto>, ProblemHttpResult>> Rollback(string name, string alias, AliasRollbackRequest request,
        ClaimsPrincipal user, ModelRegistryStore registry, CancellationToken ct) =>
        await AliasChange(() => registry.RollbackAsync(name, alias, user.Actor(), request.Reason ?? "", ct));

    /// <summary>Registry refusals become problem details: unknown model/version 404, bad alias or missing reason 400,
    /// nothing to roll back to 409.</summary>
    private static async Task<Results<Ok<AliasEventDto>, ProblemHttpResult>> AliasChange(Func<Task<AliasEvent>> change)
    {
        try
        {
            var e = await change();
            return TypedResults.Ok(new AliasEventDto(e.Name, e.Alias, e.Version, e.PreviousVersion, e.At, e.By, e.Reason));
        }
        catch (KeyNotFoundException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"); }
        catch (ArgumentException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid alias change"); }
        catch (InvalidOperationException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to"); }
    }

    internal static ModelVersionDto ToDto(ModelVersion v, IReadOnlyDictionary<string, int> aliases) => new(
        v.Name, v.Version, v.Target, v.Algorithm,
        string.Join(",", aliases.Where(a => a.Value == v.Version).Select(a => a.Key).Order()) is { Length: > 0 } a ? a : null,
        v.CreatedAt, v.Inputs, v.Metrics, v.DatasetId, v.ArtifactPath, v.Parameters, v.Importances);
}
