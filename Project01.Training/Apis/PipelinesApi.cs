using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Project01.Contracts;
using Project01.Pipelines.Execution;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Training.Apis;

/// <summary>Pipelines: their definitions and schedules, runs with step states, alerts; starting a run needs the train scope.</summary>
public static class PipelinesApi
{
    public static IEndpointRouteBuilder MapPipelinesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/pipelines").WithTags("Pipelines");
        api.MapGet("/", List).WithName("ListPipelines").WithSummary("Pipelines, their steps and schedules, next fire time and newest run");
        api.MapPost("/{name}/runs", Start).RequireScope(ApiScopes.Train).WithName("StartPipelineRun").WithSummary("Start a run now (one at a time per pipeline)");
        api.MapGet("/runs", ListRuns).WithName("ListPipelineRuns");
        api.MapGet("/runs/{id:long}", GetRun).WithName("GetPipelineRun");
        api.MapGet("/alerts", ListAlerts).WithName("ListPipelineAlerts").WithSummary("Failed steps and missed SLAs, newest first");
        return app;
    }

    private static async Task<Ok<PipelineDto[]>> List(PipelineCatalog catalog, PipelineRunStore store, ISchedulerFactory schedulers, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var result = new List<PipelineDto>();
        foreach (var p in catalog.Pipelines.OrderBy(p => p.Name))
        {
            var trigger = await scheduler.GetTrigger(PipelineTriggers.ScheduleKey(p.Name), ct);
            var last = (await store.ListRunsAsync(p.Name, null, 1, ct)).FirstOrDefault();
            result.Add(new PipelineDto(p.Name, (trigger as ICronTrigger)?.CronExpressionString, trigger?.NextFireTimeUtc,
                [.. p.Order.Select(s => new PipelineStepDefinitionDto(s.Name, s.DependsOn, s.MaxAttempts, s.Backoff.TotalSeconds, s.Timeout.TotalSeconds, s.Sla.TotalSeconds))],
                last is null ? null : ToDto(last)));
        }
        return TypedResults.Ok(result.ToArray());
    }

    private static async Task<Results<Accepted<PipelineRunDto>, ProblemHttpResult>> Start(string name, PipelineCatalog catalog, PipelineLauncher launcher,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (catalog.Find(name) is null)
            return TypedResults.Problem($"no pipeline '{name}' (known: {string.Join(", ", catalog.Pipelines.Select(p => p.Name))})", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var run = await launcher.StartAsync(name, "manual", user.Actor(), ct);
        return run is null
            ? TypedResults.Problem($"a run of {name} is still going; wait for it to finish", statusCode: StatusCodes.Status409Conflict, title: "Already running")
            : TypedResults.Accepted($"/v1/pipelines/runs/{run.Id}", ToDto(run));
    }

    private static async Task<Ok<PipelineRunDto[]>> ListRuns(string? pipeline, string? state, int? limit, PipelineRunStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListRunsAsync(pipeline, state, Math.Clamp(limit ?? 20, 1, 200), ct)).Select(ToDto).ToArray());

    private static async Task<Results<Ok<PipelineRunDto>, NotFound>> GetRun(long id, PipelineRunStore store, CancellationToken ct) =>
        await store.GetRunAsync(id, ct) is { } run ? TypedResults.Ok(ToDto(run)) : TypedResults.NotFound();

    private static async Task<Ok<PipelineAlertDto[]>> ListAlerts(int? limit, PipelineRunStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAlertsAsync(Math.Clamp(limit ?? 50, 1, 500), ct)).Select(ToDto).ToArray());

    internal static PipelineRunDto ToDto(PipelineRun r) =>
        new(r.Id, r.Pipeline, r.Trigger, r.RequestedBy, r.State, r.CreatedAt, r.FinishedAt,
            [.. r.Steps.Select(s => new PipelineStepRunDto(s.Step, s.State, s.Attempts, s.StartedAt, s.FinishedAt, s.NextAttemptAt, s.Output, s.Error))],
            [.. r.Alerts.Select(ToDto)]);

    private static PipelineAlertDto ToDto(PipelineAlert a) => new(a.Id, a.RunId, a.Pipeline, a.Step, a.Kind, a.Message, a.At);
}
