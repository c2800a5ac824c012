using Project01.Core.Forecasting;
using Project01.DeepForecasting.Networks;
using Project01.DeepForecasting.Runtime;
using Project01.DeepForecasting.Training;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using TorchSharp;

namespace Project01.DeepForecasting;

/// <summary>
/// Fits a deep network on window examples (inputs laid out by <see cref="SequenceInputs.Window"/>): scaling from the
/// fitted examples, early stopping on the validation span in the training recipe (then a refit on train + validation
/// for the best epoch count) or on the newest dates when fitted alone, then <see cref="DeepTrainingLoop"/>. Torch is seeded before the network is built, so the same seed and data give the
/// same weights on the CPU.
/// </summary>
public sealed class DeepForecasterTrainer(string algorithm, ForecastTarget target, Func<NetworkShape, DeepConfig, IDeepNetwork> build,
    DeepConfig? config = null) : IForecasterTrainer, IReportsProgress, IStopsOnValidation
{
    /// <summary>Where epochs are reported (the training recipe sets the run's progress).</summary>
    public IProgress<string>? Progress { get; set; }

    /// <summary>A window of <see cref="DeepConfig.Lookback"/> bars over the per-symbol inputs (nothing cross-sectional:
    /// served per symbol), the calendar of the bar forecast and the symbol's bucket.</summary>
    public IReadOnlyList<string> InputsFor(ForecastTarget target, bool panel) => SequenceInputs.Window(ModelInputs.Series, Config.Lookback);

    public string Algorithm => algorithm;

    /// <summary>The target it was built for (vol5 is modelled in logs); ret1 and vol5 are supported.</summary>
    public IReadOnlyList<ForecastTarget> Targets { get; } = target is ForecastTarget.Ret1 or ForecastTarget.Vol5 ? [target] : [];

    public DeepConfig Config { get; } = config ?? new DeepConfig();

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) => [Config];

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config) => Fit(examples, inputs, (DeepConfig)config);

    /// <summary>
    /// The recipe's selection fit: train on <paramref name="train"/>, stop early on <paramref name="validation"/> (the
    /// validation span); the setting to refit on train + validation is the same one run for exactly the best epoch
    /// count, with no span held out (the refit has no unseen data left to stop on).
    /// </summary>
    public (IForecaster Model, ModelConfig Refit) FitWithValidation(IReadOnlyList<Example> train, IReadOnlyList<Example> validation,
        IReadOnlyList<string> inputs, ModelConfig config)
    {
        var deep = (DeepConfig)config;
        var model = Train(train, validation, inputs, deep);
        return (model, deep with { Epochs = Math.Max(1, model.Report.BestEpoch), EarlyStoppingShare = 0 });
    }

    /// <summary>Fits on <paramref name="examples"/>: with <see cref="DeepConfig.EarlyStoppingShare"/> above 0 the newest
    /// share of their dates is held out for early stopping, else every epoch runs on all of them.</summary>
    public DeepForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, DeepConfig config)
    {
        if (config.EarlyStoppingShare <= 0) return Train(examples, null, inputs, config);
        // Early stopping watches the newest dates, never a random sample: neighbouring days would leak across.
        var dates = examples.Select(e => e.FeatureTime).Distinct().Order().ToList();
        var cut = dates[Math.Clamp((int)(dates.Count * (1 - config.EarlyStoppingShare)), 1, dates.Count - 1)];
        return Train([.. examples.Where(e => e.FeatureTime < cut)], [.. examples.Where(e => e.FeatureTime >= cut)], inputs, config);
    }

    private DeepForecaster Train(IReadOnlyList<Example> fit, IReadOnlyList<Example>? holdout, IReadOnlyList<string> inputs, DeepConfig config)
    {
        var (features, lookback) = SequenceInputs.ShapeOf(inputs);
        var known = SequenceInputs.Known.Count;
        var device = TorchDevice.Choose(config.Device);
        TorchThreads.Ensure();
        torch.manual_seed(config.Seed);

        var scaler = WindowScaler.Fit([.. fit.Select(e => e.Features)], [.. fit.Select(e => e.Label)], features.Count, lookback, target);
        var shape = new NetworkShape(features.Count, lookback, known, SequenceInputs.SymbolBuckets, scaler.LogTarget ? scaler.TargetScale : 0);
        var network = build(shape, config);
        network.Module.to(device);
        using var fitTensors = new WindowTensors([.. fit.Select(e => e.Features)], scaler, features.Count, lookback, known, device, [.. fit.Select(e => e.Label)]);
        using var holdoutTensors = holdout is null ? null
            : new WindowTensors([.. holdout.Select(e => e.Features)], scaler, features.Count, lookback, known, device, [.. holdout.Select(e => e.Label)]);
        Progress?.Report($"{algorithm} on {TorchDevice.Describe(device)}: {fit.Count} windows to fit, " +
            (holdout is null ? $"{config.Epochs} epochs" : $"{holdout.Count} to stop early on (from {holdout.Min(e => e.FeatureTime):yyyy-MM-dd})") +
            $", lookback {lookback} × {features.Count} inputs");
        var report = DeepTrainingLoop.Run(network, fitTensors, holdoutTensors, config, device, Progress);
        return new DeepForecaster(algorithm, network, scaler, shape, device, report);
    }
}
