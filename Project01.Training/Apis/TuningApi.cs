using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Project01.Contracts;
using Project01.ModelTraining.Jobs;
using Project01.ModelTraining.Research;

namespace Project01.Training.Apis;

public static class TuningApi
{
    public static IEndpointRouteBuilder MapTuningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/tuning").WithTags("Tuning");
        api.MapPost("/", Enqueue).RequireScope(ApiScopes.Train).WithName("QueueTuningJob")
            .WithSummary("Queue a hyper-parameter search (as p01 tune runs it) on a bundled dataset; every trial is recorded in the registry");
        api.MapGet("/", List).WithName("ListTuningJobs").WithSummary("Tuning jobs, newest first, with their best trial so far");
        api.MapGet("/{id:long}", Get).WithName("GetTuningJob").WithSummary("One tuning job with its trials (parameters, score, pruned) and the best");
        return app;
    }

    private static async Task<Results<Accepted<TuningJobDto>, ValidationProblem>> Enqueue(TuningJobRequest request, TuningJobs tuning, ClaimsPrincipal user,
        CancellationToken ct)
    {
        ResearchJob job;
        try { job = await tuning.EnqueueAsync(request, user.Actor(), ct); }
        catch (InvalidResearchRequestException e) { return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, e.Message); }
        return TypedResults.Accepted($"/v1/tuning/{job.Id}", await tuning.DescribeAsync(job, withTrials: false, ct));
    }

    private static async Task<Ok<TuningJobDto[]>> List(int? limit, ResearchJobQueue queue, TuningJobs tuning, CancellationToken ct)
    {
        var jobs = await queue.ListAsync(ResearchJobQueue.Tuning, Math.Clamp(limit ?? 20, 1, 200), ct);
        var result = new List<TuningJobDto>(jobs.Count);
        // The list carries each job's best but not its trials, which only the one job's route returns.
        foreach (var job in jobs)
        {
            var dto = await tuning.DescribeAsync(job, withTrials: true, ct);
            result.Add(dto with { Trials = [] });
        }
        return TypedResults.Ok(result.ToArray());
    }

    private static async Task<Results<Ok<TuningJobDto>, ProblemHttpResult>> Get(long id, ResearchJobQueue queue, TuningJobs tuning, CancellationToken ct) =>
        await queue.GetAsync(ResearchJobQueue.Tuning, id, ct) is { } job
            ? TypedResults.Ok(await tuning.DescribeAsync(job, withTrials: true, ct))
            : TypedResults.Problem($"no tuning job {id}", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
