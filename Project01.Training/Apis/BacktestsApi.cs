using Project01.ApiKeys;
using Project01.ApiSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Backtesting.Runs;
using Project01.Backtesting;

namespace Project01.Training.Apis;

public static class BacktestsApi
{
    public static IEndpointRouteBuilder MapBacktestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/backtests").WithTags("Backtests");
        api.MapGet("/", List).WithName("ListBacktests").WithSummary("Stored backtest runs of a model (or all), newest first");
        api.MapGet("/{runId}", Get).WithName("GetBacktest").WithSummary("One run with its equity, drawdown, turnover and monthly returns");
        api.MapPost("/", Run).RequireScopeForHeavyWork(ApiScopes.Backtest).WithName("RunBacktest")
            .WithSummary("Backtest a registered ret1 version's out-of-sample predictions; the same inputs give the same run id");
        return app;
    }

    private static async Task<Ok<BacktestSummaryDto[]>> List(string? model, int? version, BacktestStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(model, version, ct)).Select(Summary).ToArray());

    private static async Task<Results<Ok<BacktestDto>, ProblemHttpResult>> Get(string runId, BacktestStore store, CancellationToken ct) =>
        await store.GetAsync(runId, ct) is { } run
            ? TypedResults.Ok(ToDto(run))
            : TypedResults.Problem($"no backtest run '{runId}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static async Task<Results<Created<BacktestDto>, Ok<BacktestDto>, ProblemHttpResult>> Run(BacktestRequest request,
        RegisteredModelBacktest backtest, CancellationToken ct)
    {
        StrategySpec spec;
        try { spec = StrategySpec.Parse(request.Strategy ?? ""); }
        catch (ArgumentException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid strategy"); }
        if (!double.IsFinite(request.CostBps) || request.CostBps is < 0 or > 1_000)
            return TypedResults.Problem($"costBps must be between 0 and 1000, not {request.CostBps}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid cost");
        try
        {
            var (run, stored) = await backtest.RunAsync(request.Model ?? "", request.Version, spec, new BacktestOptions(request.CostBps), ct);
            var dto = ToDto(run);
            return stored ? TypedResults.Created($"/v1/backtests/{run.RunId}", dto) : TypedResults.Ok(dto);
        }
        catch (KeyNotFoundException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"); }
        catch (ArgumentException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Not backtestable"); }
        catch (InvalidOperationException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Not backtestable"); }
    }

    private static BacktestSummaryDto Summary(BacktestRun r) =>
        new(r.RunId, r.Name, r.Version, r.DatasetId, r.Strategy, r.CostBps, r.PeriodsPerYear, r.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(), r.CreatedAt);

    private static BacktestDto ToDto(BacktestRun r) =>
        new(Summary(r), r.Dates, r.Equity, r.Drawdown, r.Turnover,
            [.. PeriodReturns.Monthly(r.Dates, r.Equity).Select(m => new MonthlyReturnDto(m.Year, m.Month, m.Return))]);
}
