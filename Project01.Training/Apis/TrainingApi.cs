using System.Security.Claims;
using Project01.ApiKeys;
using Project01.ApiSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining.Jobs;
using Project01.ModelTraining;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;

namespace Project01.Training.Apis;

public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/training").WithTags("Training");
        api.MapPost("/jobs", Enqueue).RequireScope(ApiScopes.Train).WithName("QueueTrainingJob").WithSummary("Queue a training run on the current features");
        api.MapGet("/jobs", List).WithName("ListTrainingJobs");
        api.MapGet("/jobs/{id:long}", Get).WithName("GetTrainingJob");
        return app;
    }

    private static async Task<Results<Accepted<TrainingJobDto>, ProblemHttpResult, ValidationProblem>> Enqueue(TrainRequest request, TrainingJobQueue queue,
        ClaimsPrincipal user, CancellationToken ct)
    {
        ForecastTarget target;
        try { target = ForecastTargets.Parse(request.Target ?? ""); }
        catch (ArgumentException e) { return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["target"] = [e.Message] }); }
        string algorithm;
        try { algorithm = ForecasterCatalog.Create(request.Algorithm ?? ForecastTrainingJob.DefaultAlgorithm, target).Algorithm; }
        catch (ArgumentException e) { return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["algorithm"] = [e.Message] }); }
        var model = ModelNames.Of(target, algorithm);
        // One manual job per model and target at a time: a second request while it waits or runs would train the same thing again.
        var job = await queue.EnqueueManualAsync(model, target.Name(), request.Reason ?? "requested through the API", user.Actor(), ct);
        return job is null
            ? TypedResults.Problem($"a manual job for {model} is already queued or running; wait for it to finish", statusCode: StatusCodes.Status409Conflict, title: "Already queued")
            : TypedResults.Accepted($"/v1/training/jobs/{job.Id}", ToDto(job));
    }

    private static async Task<Ok<TrainingJobDto[]>> List(int? limit, TrainingJobQueue queue, CancellationToken ct) =>
        TypedResults.Ok((await queue.ListAsync(Math.Clamp(limit ?? 50, 1, 500), ct)).Select(ToDto).ToArray());

    private static async Task<Results<Ok<TrainingJobDto>, NotFound>> Get(long id, TrainingJobQueue queue, CancellationToken ct) =>
        await queue.GetAsync(id, ct) is { } job ? TypedResults.Ok(ToDto(job)) : TypedResults.NotFound();

    private static TrainingJobDto ToDto(TrainingJob j) =>
        new(j.Id, j.Model, j.Target, j.State, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Reason, j.ModelVersion, j.Error ?? (j.State == "running" ? j.Progress : null),
            j.Attempts, j.RequestedBy);
}
