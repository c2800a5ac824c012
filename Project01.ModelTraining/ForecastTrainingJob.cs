using System.Globalization;
using Microsoft.Extensions.Logging;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Training;
using Project01.ModelTraining.Intervals;
using Project01.ModelTraining.Promotion;
using Project01.Onnx;

namespace Project01.ModelTraining;

/// <summary>
/// One training run end to end: offline feature history → supervised dataset → tuned, evaluated model of any
/// algorithm in <see cref="ForecasterCatalog"/> (LightGBM by default) → ONNX in the lake → registered version with
/// metrics, lineage and test predictions → alias (the first model of a name becomes champion; a later one replaces it
/// only when <see cref="ChallengerPolicy"/> finds it significantly better, else it waits as challenger for a person).
/// </summary>
public sealed partial class ForecastTrainingJob(OfflineFeatureStore offline, ModelRegistryStore registry, ILogger<ForecastTrainingJob> logger)
{
    public const string DefaultAlgorithm = ForecasterCatalog.LightGbm;

    /// <summary>The coverage of the interval the inference API serves.</summary>
    public const double ServedLevel = ServedIntervals.Served;

    /// <summary>Target and algorithm of a model name (<see cref="ModelNames"/>); throws when either is unknown or they do
    /// not fit together: the registry's grammar plus the catalogue of algorithms that can be trained.</summary>
    public static (ForecastTarget Target, string Algorithm) ParseModelName(string name)
    {
        var (target, algorithm) = ModelNames.Parse(name);
        return (target, ForecasterCatalog.Create(algorithm, target).Algorithm);
    }

    /// <summary>
    /// What a model of the feature store reads: the view's own features, so the inference API can serve it from the
    /// online store; vol5 adds the HAR-RV regressors, computed from the offline history (not served online yet).
    /// </summary>
    public static IReadOnlyList<string> Inputs(ForecastTarget target) => target == ForecastTarget.Vol5 ? [.. ModelInputs.Default, .. ModelInputs.Har] : ModelInputs.Default;

    /// <summary>What a model of an algorithm reads: its own choice when it makes one (a deep forecaster's window of
    /// lagged inputs, calendar and symbol bucket, all served from the offline history), else <see cref="Inputs(ForecastTarget)"/>.</summary>
    public static IReadOnlyList<string> Inputs(ForecastTarget target, string? algorithm) =>
        algorithm is null ? Inputs(target) : ForecasterCatalog.Create(algorithm, target).InputsFor(target, panel: false) ?? Inputs(target);

    /// <summary>Identity of the data a model of <paramref name="target"/> trains on, given the price view's watermarks
    /// (of the view of <paramref name="interval"/>, daily by default): a version with this id was trained on exactly the
    /// current data.</summary>
    public static string DatasetIdOf(IReadOnlyList<FeatureWatermark> watermarks, ForecastTarget target, BarInterval? interval = null, string? algorithm = null) =>
        DatasetIdentity.Compute(FeatureView.PriceAt(interval ?? BarInterval.Daily).Key, watermarks, target.Name(), Inputs(target, algorithm));

    /// <summary>The price view a model name trains on: daily, or the intraday view of its interval suffix.</summary>
    public static FeatureView ViewOf(string modelName) => FeatureView.PriceAt(ModelNames.IntervalOf(modelName));

    public Task<ModelVersion> RunAsync(ForecastTarget target, string reason, IProgress<string>? progress, CancellationToken ct) =>
        RunAsync(target, DefaultAlgorithm, reason, progress, ct);

    /// <param name="interval">The bars to learn from: daily (the default) or an intraday interval, whose view and model
    /// name (<c>ret1-lightgbm-5m</c>) it selects; targets then count bars within a session.</param>
    public async Task<ModelVersion> RunAsync(ForecastTarget target, string algorithm, string reason, IProgress<string>? progress, CancellationToken ct,
        BarInterval? interval = null)
    {
        var trainer = ForecasterCatalog.Create(algorithm, target);
        var inputs = trainer.InputsFor(target, panel: false) ?? Inputs(target);
        var barInterval = interval ?? BarInterval.Daily;
        var view = FeatureView.PriceAt(barInterval);
        var watermarks = await offline.GetWatermarksAsync(view, ct);
        if (watermarks.Count == 0) throw new InvalidOperationException($"the offline store has no {view.Key} features yet; ingest data first");
        var datasetId = DatasetIdOf(watermarks, target, barInterval, algorithm);

        progress?.Report($"reading {view.Key} history");
        var history = new List<FeatureObservation>();
        await foreach (var row in offline.ReadAsync(view, null, null, null, ct))
            history.Add(new FeatureObservation(row.Symbol, row.EventTime, row.Values));

        var dataset = DatasetBuilder.Build(history, view.Features, target, inputs, interval: barInterval);
        progress?.Report($"dataset {datasetId}: {dataset.Count(Split.Train)} train, {dataset.Count(Split.Validation)} validation, {dataset.Count(Split.Test)} test examples");
        var trained = await Task.Run(() => ForecasterTraining.Train(dataset, trainer, progress), ct);

        var name = ModelNames.Of(target, trained.Algorithm, barInterval);
        var parameters = new Dictionary<string, string>(trained.Parameters)
        {
            ["feature_view"] = view.Key,
            ["bar_interval"] = barInterval.ToString(),
            ["train_end"] = Stamp(trained.Splits.TrainEnd, barInterval),
            ["validation_end"] = Stamp(trained.Splits.ValidationEnd, barInterval),
            ["symbols"] = string.Join(',', watermarks.Select(w => w.Symbol)),
            ["reason"] = reason,
        };
        // The served interval: adaptive conformal, in units of the forecast's scale, at the quantile of the most recent
        // scores at the level the test outcomes adapted to.
        var (lower, upper, coverage) = (trained.Interval.Lower, trained.Interval.Upper, trained.Interval.Coverage);
        if (ServedIntervals.Quantile(trained, ServedLevel) is { } q)
        {
            (lower, upper, coverage) = (-q, q, ServedLevel);
            parameters[ForecastScale.Parameter] = ForecastScale.For(target);
            // How it was calibrated, and the 90 % interval too, so the API could serve either (it serves 80 % for now).
            foreach (var (key, value) in ServedIntervals.WideParameters(trained)) parameters[key] = value;
        }
        // A model with its own band (TFT, DeepAR) serves that band at 80 %, widened by its conformal margin.
        foreach (var (key, value) in ServedIntervals.BandParameters(trained)) parameters[key] = value;
        var version = await registry.RegisterAsync(new ModelVersionDraft(name, target.Name(), trained.Algorithm, trained.Inputs, trained.Metrics,
            parameters, datasetId, trained.Onnx, lower, upper, coverage, trained.Importances), ct);
        await registry.SavePredictionsAsync(name, version.Version, ServedIntervals.TestPredictions(trained), ct);

        var aliases = await registry.GetAliasesAsync(name, ct);
        if (!aliases.TryGetValue(Aliases.Champion, out var championVersion))
            await registry.SetAliasAsync(name, Aliases.Champion, version.Version, Actor, "first model of this name", ct);
        else
        {
            var decision = await JudgeAsync(name, championVersion, dataset, trained, ct);
            LogDecision(logger, name, version.Version, championVersion, decision.Describe());
            if (decision.Promote) await registry.SetAliasAsync(name, Aliases.Champion, version.Version, PolicyActor, decision.Describe(), ct);
            else await registry.SetAliasAsync(name, Aliases.Challenger, version.Version, Actor, $"trained on new data ({reason}); {decision.Describe()}", ct);
        }
        LogRegistered(logger, name, version.Version, trained.Metrics["test_ic"], trained.Metrics["test_rmse"], trained.Metrics["naive_test_rmse"]);
        return version;
    }

    /// <summary>
    /// The champion and the new version on the same out-of-sample window: the new version's test span, from the day
    /// after the champion's own validation span (so neither has seen it), scored by the champion's registered ONNX.
    /// </summary>
    private async Task<PromotionDecision> JudgeAsync(string name, int championVersion, SupervisedDataset dataset, TrainedForecaster trained, CancellationToken ct)
    {
        var champion = await registry.GetVersionAsync(name, championVersion, ct)
            ?? throw new InvalidOperationException($"{name}'s champion v{championVersion} is not registered");
        var none = new PromotionDecision(false, ChallengerPolicy.MetricOf(dataset.Target), double.NaN, double.NaN, null, trained.Splits.ValidationEnd, trained.Splits.ValidationEnd, "");
        if (!champion.Inputs.SequenceEqual(trained.Inputs))
            return none with { Why = $"kept the champion: v{championVersion} reads other inputs, so the two cannot be scored on the same rows" };
        var championEnd = champion.Parameters.TryGetValue("validation_end", out var text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var end)
            ? end : DateTime.MaxValue;
        var test = dataset.Part(Split.Test).ToList();
        var window = Enumerable.Range(0, test.Count).Where(i => test[i].FeatureTime > championEnd).ToList();
        if (window.Count == 0) return none with { Why = $"kept the champion: v{championVersion} was trained on all of this version's test span" };

        using var onnx = new OnnxRegressor(await registry.ReadOnnxAsync(champion, ct));
        var championPredicted = onnx.Predict(window.SelectMany(i => test[i].Features).ToArray());
        // Predictions are in test order (ForecasterTraining keeps it).
        var challenger = trained.Predictions;
        var pairs = window.Select((i, k) => new PairedForecast(test[i].FeatureTime, championPredicted[k], challenger[i].Predicted, test[i].Label)).ToList();
        return ChallengerPolicy.Decide(dataset.Target, pairs);
    }

    // Daily spans end on a date; intraday ones at a bar, which a date would cut to midnight (and so mis-split).
    private static string Stamp(DateTime end, BarInterval interval) =>
        interval.IsDaily ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : end.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Who moves aliases on the worker's own account, and who on the promotion policy's.</summary>
    public const string Actor = "training-worker";
    public const string PolicyActor = "promotion-policy";

    [LoggerMessage(LogLevel.Information, "Registered {Name} v{Version}: test IC {Ic:F4}, RMSE {Rmse:E3} (naive {NaiveRmse:E3})")]
    private static partial void LogRegistered(ILogger logger, string name, int version, double ic, double rmse, double naiveRmse);

    [LoggerMessage(LogLevel.Information, "{Name} v{Version} against champion v{Champion}: {Decision}")]
    private static partial void LogDecision(ILogger logger, string name, int version, int champion, string decision);
}
