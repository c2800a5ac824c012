using Microsoft.AspNetCore.Http.HttpResults;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.Serving.Risk;

namespace Project01.Inference.Apis;

public static class RiskApi
{
    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").WithTags("Risk")
            .MapGet("/risk/{symbol}", GetRisk).WithName("GetRisk").RequireScope(ApiScopes.Forecast)
            .WithSummary("1- and 10-day VaR and expected shortfall at 95/99 % (GARCH + filtered historical simulation), with the method's Kupiec and Christoffersen backtest on the last days");
        return app;
    }

    private static async Task<Results<Ok<RiskDto>, ProblemHttpResult, ValidationProblem>> GetRisk(string symbol, SymbolRisk risk, CancellationToken ct)
    {
        symbol = Symbols.Normalize(symbol);
        if (!Symbols.IsValid(symbol))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["symbol"] = [$"'{symbol}' is not a valid symbol"] });
        try
        {
            return await risk.GetAsync(symbol, ct) is { } dto
                ? TypedResults.Ok(dto)
                : TypedResults.Problem(title: "Unknown symbol", statusCode: StatusCodes.Status404NotFound, detail: $"the feature history has no closes of {symbol}");
        }
        catch (InsufficientHistoryException e)
        {
            return TypedResults.Problem(title: "Not enough history", statusCode: StatusCodes.Status422UnprocessableEntity, detail: e.Message);
        }
    }
}
