using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Project01.Contracts;
using Project01.ModelTraining.Jobs;
using Project01.ModelTraining.Research;

namespace Project01.Training.Apis;

public static class PortfoliosApi
{
    public static IEndpointRouteBuilder MapPortfoliosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/portfolios").WithTags("Portfolios");
        api.MapPost("/", Enqueue).RequireScope(ApiScopes.Backtest).WithName("QueuePortfolioBacktest")
            .WithSummary("Queue the walk-forward comparison of portfolio methods (as p01 portfolio runs it, PPO included) on the bundled Dow 30 panel");
        api.MapGet("/", List).WithName("ListPortfolioBacktests").WithSummary("Portfolio comparisons, newest first (without their equity curves)");
        api.MapGet("/{id:long}", Get).WithName("GetPortfolioBacktest").WithSummary("One comparison: each method's metrics, final weights and equity curve");
        return app;
    }

    private static async Task<Results<Accepted<PortfolioJobDto>, ValidationProblem>> Enqueue(PortfolioJobRequest request, PortfolioJobs portfolios,
        ClaimsPrincipal user, CancellationToken ct)
    {
        ResearchJob job;
        try { job = await portfolios.EnqueueAsync(request, user.Actor(), ct); }
        catch (InvalidResearchRequestException e) { return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, e.Message); }
        return TypedResults.Accepted($"/v1/portfolios/{job.Id}", PortfolioJobs.ToDto(job));
    }

    private static async Task<Ok<PortfolioJobDto[]>> List(int? limit, ResearchJobQueue queue, CancellationToken ct) =>
        TypedResults.Ok((await queue.ListAsync(ResearchJobQueue.Portfolio, Math.Clamp(limit ?? 20, 1, 200), ct))
            .Select(PortfolioJobs.ToDto)
            .Select(j => j.Result is null ? j : j with { Result = j.Result with { Dates = [], Methods = [.. j.Result.Methods.Select(m => m with { Equity = [] })] } })
            .ToArray());

    private static async Task<Results<Ok<PortfolioJobDto>, ProblemHttpResult>> Get(long id, ResearchJobQueue queue, CancellationToken ct) =>
        await queue.GetAsync(ResearchJobQueue.Portfolio, id, ct) is { } job
            ? TypedResults.Ok(PortfolioJobs.ToDto(job))
            : TypedResults.Problem($"no portfolio backtest {id}", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
