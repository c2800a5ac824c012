using System.Security.Cryptography;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.ModelRegistry.Tuning;
using Project01.Modeling.Datasets;
using Project01.Modeling.Tuning;

namespace Project01.ModelTraining.Tuning;

/// <summary>
/// A hyper-parameter search on a series of bars with every trial recorded in the registry as it finishes (when a store
/// is given): what <c>p01 tune</c> and the Training service's tuning jobs both run.
/// </summary>
public static class RecordedTuning
{
    /// <summary>Fails fast on an unknown model or sampler or an impossible split, before any data is read.</summary>
    public static void Validate(TuningRequest request)
    {
        TunableModels.Create(request.Algorithm);
        HyperparameterSearch.Sampler(request.Sampler);
        if (request.Trials < 1) throw new ArgumentException($"trials must be at least 1, not {request.Trials}");
        if (request.Folds < 2) throw new ArgumentException($"folds must be at least 2 (pruning compares trials fold by fold), not {request.Folds}");
        if (request.MaxParallel < 1) throw new ArgumentException($"parallel must be at least 1, not {request.MaxParallel}");
        if (request.TrainEnd >= request.ValidationEnd)
            throw new ArgumentException($"the train end ({request.TrainEnd:yyyy-MM-dd}) must come before the validation end ({request.ValidationEnd:yyyy-MM-dd})");
    }

    /// <summary>The data's name and content hash: a study is tied to the exact data it was run on.</summary>
    public static async Task<string> DatasetIdAsync(string name, Stream content, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
        return $"{name}@sha256:{hash[..16]}";
    }

    /// <summary>The study as the registry records it, before its first trial.</summary>
    public static TuningStudyDraft Draft(TuningRequest request, string datasetId) =>
        new(request.Algorithm.ToLowerInvariant(), request.Target.Name(), datasetId, request.Sampler.ToLowerInvariant(), request.Seed, request.Trials, request.Folds,
            TuningLoss.Name(request.Target));

    /// <summary>A finished trial as the registry records it.</summary>
    public static TuningTrial Trial(TrialRecord trial) => new(trial.Number, trial.State.ToString().ToLowerInvariant(), trial.Parameters.Describe(),
        trial.Value, trial.StepLosses, trial.StartedAt, trial.FinishedAt);

    /// <summary>
    /// Runs the search on <paramref name="bars"/>' price features. With a <paramref name="store"/>, the study is created
    /// first (<paramref name="started"/> gets it), each trial is saved as it ends (from the worker thread that ran it, so an
    /// interrupted study keeps what it ran) and the best trial is marked at the end.
    /// </summary>
    public static async Task<(TuningReport Report, TuningStudy? Study)> RunAsync(IReadOnlyList<Bar> bars, string datasetId, TuningRequest request,
        TuningStudyStore? store, Action<TuningStudy>? started, Action<TrialRecord>? finished, IProgress<string>? progress, CancellationToken ct)
    {
        Validate(request);
        var history = FeatureHistory.FromBars(bars);
        TuningStudy? study = null;
        if (store is not null)
        {
            await store.EnsureSchemaAsync(ct);
            study = await store.CreateStudyAsync(Draft(request, datasetId), ct);
            started?.Invoke(study);
        }
        // The search is CPU-bound and synchronous: off the caller's thread, so a host's request threads stay free.
        var report = await Task.Run(() => HyperparameterSearch.Run(history, PriceFeatures.Names, request, trial =>
        {
            finished?.Invoke(trial);
            store?.SaveTrialAsync(study!.Id, Trial(trial), ct).GetAwaiter().GetResult();
        }, progress, ct), ct);
        if (store is not null) await store.FinishStudyAsync(study!.Id, report.Best.Number, ct);
        return (report, study);
    }
}
