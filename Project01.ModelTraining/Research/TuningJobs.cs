using System.Globalization;
using System.Text.Json;
using Project01.Contracts;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Tuning;
using Project01.Modeling.Tuning;
using Project01.ModelTraining.Jobs;
using Project01.ModelTraining.Tuning;

namespace Project01.ModelTraining.Research;

/// <summary>What a finished tuning job adds to its study: the best setting refitted on train + validation and scored
/// once on the test span, next to the naive forecast.</summary>
public sealed record TuningOutcome(int BestTrial, string Loss, double? CvLoss, double? TestLoss, double? NaiveTestLoss, int Completed, int Pruned);

/// <summary>
/// Tuning jobs of the Training service: a <see cref="TuningJobRequest"/> checked and turned into the
/// <see cref="TuningRequest"/> <c>p01 tune</c> builds from its flags, and run with the same
/// <see cref="RecordedTuning"/> on a bundled dataset, every trial recorded in the registry's study.
/// </summary>
public sealed class TuningJobs(ResearchJobQueue queue, TuningStudyStore studies)
{
    public const int MaxTrials = 500;
    public const int MaxFolds = 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The search a request asks for; throws <see cref="InvalidResearchRequestException"/> naming the field at fault.</summary>
    public static TuningRequest Parse(TuningJobRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model)) throw new InvalidResearchRequestException("model", $"model is required: one of {string.Join(", ", TunableModels.Algorithms)}");
        if (string.IsNullOrWhiteSpace(request.Target)) throw new InvalidResearchRequestException("target", "target is required: vol5, ret1 or dir1");
        ForecastTarget target;
        try { target = ForecastTargets.Parse(request.Target); }
        catch (ArgumentException e) { throw new InvalidResearchRequestException("target", e.Message); }
        if (!ResearchDatasets.Exists(request.Dataset ?? ""))
            throw new InvalidResearchRequestException("dataset", $"unknown dataset '{request.Dataset}'; bundled: {string.Join(", ", ResearchDatasets.Names)}");
        if (request.Trials is < 1 or > MaxTrials) throw new InvalidResearchRequestException("trials", $"trials must be between 1 and {MaxTrials}, not {request.Trials}");
        if (request.Folds is < 2 or > MaxFolds)
            throw new InvalidResearchRequestException("folds", $"folds must be between 2 (pruning compares trials fold by fold) and {MaxFolds}, not {request.Folds}");
        if (request.Parallel < 1 || request.Parallel > Environment.ProcessorCount)
            throw new InvalidResearchRequestException("parallel", $"parallel must be between 1 and the worker's {Environment.ProcessorCount} cores, not {request.Parallel}");
        var (trainEnd, validEnd) = ResearchDatasets.DefaultSplit(request.Dataset!);
        var tuning = new TuningRequest(request.Model, target, Date(request.TrainEnd ?? trainEnd, "trainEnd"), Date(request.ValidEnd ?? validEnd, "validEnd"),
            request.Trials, request.Folds, request.Sampler ?? TpeSampler.SamplerName, request.Seed, request.Parallel, request.Prune);
        TunableModel model;
        try { model = TunableModels.Create(tuning.Algorithm); }
        catch (ArgumentException e) { throw new InvalidResearchRequestException("model", e.Message); }
        if (!model.Trainer.Targets.Contains(target)) throw new InvalidResearchRequestException("target", $"{model.Trainer.Algorithm} cannot forecast {target.Name()}");
        try { HyperparameterSearch.Sampler(tuning.Sampler); }
        catch (ArgumentException e) { throw new InvalidResearchRequestException("sampler", e.Message); }
        if (tuning.TrainEnd >= tuning.ValidationEnd)
            throw new InvalidResearchRequestException("validEnd", $"the train end ({tuning.TrainEnd:yyyy-MM-dd}) must come before the validation end ({tuning.ValidationEnd:yyyy-MM-dd})");
        return tuning;
    }

    /// <summary>Checks and queues a request on behalf of <paramref name="requestedBy"/>.</summary>
    public Task<ResearchJob> EnqueueAsync(TuningJobRequest request, string requestedBy, CancellationToken ct)
    {
        Parse(request);
        return queue.EnqueueAsync(ResearchJobQueue.Tuning, JsonSerializer.Serialize(request, Json), requestedBy, ct);
    }

    /// <summary>Runs a claimed job: the search on its dataset, the study linked to the job as soon as it exists.</summary>
    public async Task<TuningOutcome> RunAsync(ResearchJob job, IProgress<string> progress, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<TuningJobRequest>(job.Request, Json)!;
        var tuning = Parse(request);
        var datasetId = await ResearchDatasets.IdAsync(request.Dataset, ct);
        var done = 0;
        var (report, _) = await RecordedTuning.RunAsync(ResearchDatasets.Bars(request.Dataset), datasetId, tuning, studies,
            study => queue.SetStudyAsync(job.Id, study.Id, ct).GetAwaiter().GetResult(),
            trial => progress.Report(string.Create(CultureInfo.InvariantCulture, $"trial {Interlocked.Increment(ref done)}/{tuning.Trials} {trial.State.ToString().ToLowerInvariant()}")),
            progress, ct);
        return new TuningOutcome(report.Best.Number, report.Loss, Finite(report.Best.Value), Finite(report.TestLoss), Finite(report.NaiveTestLoss),
            report.Study.Completed, report.Study.Pruned);
    }

    /// <summary>A job as the API shows it: its request, its study's trials so far and the best (the study's, or the best
    /// completed trial while it runs).</summary>
    public async Task<TuningJobDto> DescribeAsync(ResearchJob job, bool withTrials, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<TuningJobRequest>(job.Request, Json)!;
        var outcome = job.Result is null ? null : JsonSerializer.Deserialize<TuningOutcome>(job.Result, Json);
        IReadOnlyList<TuningTrialDto> trials = [];
        TuningTrialDto? best = null;
        string? loss = outcome?.Loss;
        if (job.StudyId is { } studyId && withTrials)
        {
            var study = await studies.GetStudyAsync(studyId, ct);
            loss ??= study?.Loss;
            trials = [.. (await studies.ListTrialsAsync(studyId, ct)).Select(t => new TuningTrialDto(t.Number, t.State, t.Parameters, t.Score, t.FoldLosses, t.StartedAt, t.FinishedAt))];
            best = study?.BestTrial is { } b
                ? trials.FirstOrDefault(t => t.Number == b)
                : trials.Where(t => t.State == "complete" && t.Score is not null).MinBy(t => t.Score);
        }
        return new TuningJobDto(job.Id, job.State, request, job.RequestedBy, job.CreatedAt, job.StartedAt, job.FinishedAt, job.Progress, job.Error, job.StudyId,
            loss, trials, best, outcome?.TestLoss, outcome?.NaiveTestLoss);
    }

    private static DateTime Date(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : throw new InvalidResearchRequestException(field, $"{field}: '{text}' is not a date (yyyy-MM-dd)");

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
