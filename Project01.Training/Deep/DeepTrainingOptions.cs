using System.ComponentModel.DataAnnotations;

namespace Project01.Training.Deep;

/// <summary>The deep forecasters' settings on the worker (section <c>Training:Deep</c>); unset values keep the library's defaults.</summary>
public sealed class DeepTrainingOptions
{
    public const string Section = "Training:Deep";

    /// <summary><c>auto</c> (CUDA when the loaded libtorch has a device, else CPU), <c>cpu</c> or <c>cuda</c>.</summary>
    [RegularExpression("^(auto|cpu|cuda(:[0-9]+)?)$")]
    public string Device { get; set; } = "auto";

    [Range(1, 1000)]
    public int? Epochs { get; set; }

    [Range(1, 250)]
    public int? Lookback { get; set; }

    [Range(2, 1024)]
    public int? Hidden { get; set; }

    public int? Seed { get; set; }

    /// <summary>libtorch's CPU threads (every core when unset); fewer where the worker shares its cores.</summary>
    [Range(1, 1024)]
    public int? Threads { get; set; }

    /// <summary>Where the best weights of a run are checkpointed (none when unset).</summary>
    public string? CheckpointDirectory { get; set; }
}
