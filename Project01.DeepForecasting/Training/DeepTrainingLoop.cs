using System.Diagnostics;
using System.Globalization;
using Project01.DeepForecasting.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Training;

/// <summary>One epoch of a training run: mean training loss, early-stopping loss, learning rate and time.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double HoldoutLoss, double LearningRate, double Seconds, double SamplesPerSecond);

/// <summary>What a run did: every epoch, the best one (whose weights the network keeps), and the device.</summary>
public sealed record DeepTrainingReport(IReadOnlyList<EpochRecord> Epochs, int BestEpoch, double BestHoldoutLoss, string Device)
{
    public double TotalSeconds => Epochs.Sum(e => e.Seconds);
    public double SecondsPerEpoch => Epochs.Count == 0 ? 0 : TotalSeconds / Epochs.Count;
}

/// <summary>
/// The one training loop of every deep forecaster: shuffled mini-batches (many series per batch: a batch mixes symbols
/// and dates), Adam, gradient-norm clipping, learning rate halved when the early-stopping loss stalls, early stopping
/// with the best weights restored, optional checkpoints. Deterministic on the CPU for a given seed (the caller seeds
/// torch before building the network; shuffles use their own seeded generator).
/// </summary>
public static class DeepTrainingLoop
{
    /// <param name="holdout">What early stopping and the learning-rate schedule watch; null: every epoch runs, the
    /// schedule watches the training loss, and the last weights are kept.</param>
    public static DeepTrainingReport Run(IDeepNetwork network, WindowTensors fit, WindowTensors? holdout, DeepConfig config, Device device,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var module = network.Module;
        var parameters = module.parameters().ToList();
        using var optimizer = optim.Adam(parameters, config.LearningRate);
        var scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor: 0.5, patience: 1);
        var random = new Random(config.Seed);
        var epochs = new List<EpochRecord>();
        var (best, bestEpoch, stale) = (double.PositiveInfinity, 0, 0);
        // Without a holdout the last epoch's weights are kept: nothing to snapshot.
        var bestState = holdout is null ? null : Snapshot(module);
        for (var epoch = 1; epoch <= config.Epochs && stale < config.Patience; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            module.train();
            var order = Enumerable.Range(0, fit.Count).ToArray();
            random.Shuffle(order);
            double sum = 0;
            var batches = 0;
            for (var start = 0; start < order.Length; start += config.BatchSize)
            {
                using var pause = CollectionPause.Begin();
                using var scope = NewDisposeScope();
                var index = tensor(order.AsSpan(start, Math.Min(config.BatchSize, order.Length - start)).ToArray().Select(i => (long)i).ToArray()).to(device);
                optimizer.zero_grad();
                var loss = network.Loss(fit.Observed.index_select(0, index), fit.Known.index_select(0, index), fit.Symbol.index_select(0, index),
                    fit.Target!.index_select(0, index));
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, config.ClipNorm);
                optimizer.step();
                sum += loss.item<float>();
                batches++;
            }
            var holdoutLoss = holdout is null ? double.NaN : Evaluate(network, holdout, config.BatchSize);
            scheduler.step(holdout is null ? sum / Math.Max(1, batches) : holdoutLoss);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var rate = optimizer.ParamGroups.First().LearningRate;
            epochs.Add(new EpochRecord(epoch, sum / Math.Max(1, batches), holdoutLoss, rate, seconds, fit.Count / seconds));
            if (holdout is null || holdoutLoss < best - 1e-6)
            {
                (best, bestEpoch, stale) = (holdout is null ? double.NaN : holdoutLoss, epoch, 0);
                if (bestState is not null)
                {
                    DisposeAll(bestState);
                    bestState = Snapshot(module);
                }
                if (config.CheckpointDirectory is { } dir)
                {
                    Directory.CreateDirectory(dir);
                    module.save(Path.Combine(dir, "best.ckpt"));
                }
            }
            else stale++;
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}: train loss {sum / Math.Max(1, batches):F4}{(holdout is null ? "" : $", early-stopping loss {holdoutLoss:F4}{(bestEpoch == epoch ? " (best)" : "")}")}, lr {rate:G3}, {seconds:F1} s, {fit.Count / seconds:F0} samples/s"));
        }
        if (bestState is not null)
        {
            Restore(module, bestState);
            DisposeAll(bestState);
        }
        module.eval();
        return new DeepTrainingReport(epochs, bestEpoch, best, device.type == DeviceType.CUDA ? "cuda" : "cpu");
    }

    /// <summary>The mean loss over <paramref name="data"/> in evaluation mode (no dropout, no gradients).</summary>
    public static double Evaluate(IDeepNetwork network, WindowTensors data, int batchSize)
    {
        network.Module.eval();
        using var _ = no_grad();
        double sum = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            using var pause = CollectionPause.Begin();
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, data.Count - start);
            var loss = network.Loss(data.Observed.narrow(0, start, length), data.Known.narrow(0, start, length), data.Symbol.narrow(0, start, length),
                data.Target!.narrow(0, start, length));
            sum += loss.item<float>() * length;
        }
        return sum / Math.Max(1, data.Count);
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void Restore(nn.Module module, Dictionary<string, Tensor> state)
    {
        using var _ = no_grad();
        foreach (var (name, value) in module.state_dict()) value.copy_(state[name]);
    }

    private static void DisposeAll(Dictionary<string, Tensor> state)
    {
        foreach (var t in state.Values) t.Dispose();
    }
}
