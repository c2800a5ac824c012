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
/// fitted examples, the newest <see cref="DeepConfig.EarlyStoppingShare"/> of their dates held out for early stopping,
/// then <see cref="DeepTrainingLoop"/>. Torch is seeded before the network is built, so the same seed and data give the
/// same weights on the CPU.
/// </summary>
public sealed class DeepForecasterTrainer(string algorithm, ForecastTarget target, Func<NetworkShape, DeepConfig, IDeepNetwork> build,
    DeepConfig? config = null) : IForecasterTrainer, IReportsProgress
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

    /// <summary>libtorch's intra-op threads are process-wide and must not change while another thread runs an op: set once.</summary>
    private static readonly Lazy<int> UseAllCores = new(() =>
    {
        torch.set_num_threads(Math.Max(1, Environment.ProcessorCount));
        return Environment.ProcessorCount;
    });

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) => [Config];

    /// <summary>What the last <see cref="Fit"/> did (epochs, timing, device).</summary>
    public DeepTrainingReport? LastReport { get; private set; }

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config) => Fit(examples, inputs, (DeepConfig)config);

    public DeepForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, DeepConfig config)
    {
        var (features, lookback) = SequenceInputs.ShapeOf(inputs);
        var known = SequenceInputs.Known.Count;
        var device = TorchDevice.Choose(config.Device);
        _ = UseAllCores.Value;
        torch.manual_seed(config.Seed);

        // Early stopping watches the newest dates, never a random sample: neighbouring days would leak across.
        var dates = examples.Select(e => e.FeatureTime).Distinct().Order().ToList();
        var cut = dates[Math.Clamp((int)(dates.Count * (1 - config.EarlyStoppingShare)), 1, dates.Count - 1)];
        var fit = examples.Where(e => e.FeatureTime < cut).ToList();
        var holdout = examples.Where(e => e.FeatureTime >= cut).ToList();

        var scaler = WindowScaler.Fit([.. fit.Select(e => e.Features)], [.. fit.Select(e => e.Label)], features.Count, lookback, target);
        var shape = new NetworkShape(features.Count, lookback, known, SequenceInputs.SymbolBuckets, scaler.LogTarget ? scaler.TargetScale : 0);
        var network = build(shape, config);
        network.Module.to(device);
        using var fitTensors = new WindowTensors([.. fit.Select(e => e.Features)], scaler, features.Count, lookback, known, device, [.. fit.Select(e => e.Label)]);
        using var holdoutTensors = new WindowTensors([.. holdout.Select(e => e.Features)], scaler, features.Count, lookback, known, device, [.. holdout.Select(e => e.Label)]);
        Progress?.Report($"{algorithm} on {TorchDevice.Describe(device)}: {fit.Count} windows to fit, {holdout.Count} for early stopping (from {cut:yyyy-MM-dd}), lookback {lookback} × {features.Count} inputs");
        var report = DeepTrainingLoop.Run(network, fitTensors, holdoutTensors, config, device, Progress);
        LastReport = report;
        return new DeepForecaster(algorithm, network, scaler, shape, device, report);
    }
}
