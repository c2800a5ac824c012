using System.Globalization;
using Project01.Modeling.Forecasters;

namespace Project01.DeepForecasting;

/// <summary>
/// One setting of a deep forecaster and its training loop. <see cref="Likelihood"/> is DeepAR's output distribution
/// (<c>gaussian</c> or <c>student-t</c>); <see cref="Heads"/> is TFT's attention heads. <see cref="Device"/> is
/// <c>auto</c> (CUDA when libtorch has it), <c>cpu</c> or <c>cuda</c>.
/// </summary>
public sealed record DeepConfig : ModelConfig
{
    public int Lookback { get; init; } = 20;
    public int Hidden { get; init; } = 32;
    public int Heads { get; init; } = 4;
    public int SymbolEmbedding { get; init; } = 8;
    public double Dropout { get; init; } = 0.1;
    public string Likelihood { get; init; } = "student-t";
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 1e-3;
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Epochs without a better early-stopping loss before training stops (the best weights are kept).</summary>
    public int Patience { get; init; } = 4;

    /// <summary>The newest share of the fitted examples (by date) held out for early stopping and the learning-rate schedule.</summary>
    public double EarlyStoppingShare { get; init; } = 0.15;

    public int Seed { get; init; } = 7;
    public string Device { get; init; } = "auto";

    /// <summary>Where the best weights so far are saved after each improving epoch (none when null).</summary>
    public string? CheckpointDirectory { get; init; }

    public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["lookback"] = Lookback.ToString(CultureInfo.InvariantCulture),
        ["hidden"] = Hidden.ToString(CultureInfo.InvariantCulture),
        ["heads"] = Heads.ToString(CultureInfo.InvariantCulture),
        ["dropout"] = Dropout.ToString(CultureInfo.InvariantCulture),
        ["likelihood"] = Likelihood,
        ["max_epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
        ["batch_size"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString(CultureInfo.InvariantCulture),
        ["clip_norm"] = ClipNorm.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
    };
}
