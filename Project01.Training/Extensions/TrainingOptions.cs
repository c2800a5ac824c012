using System.ComponentModel.DataAnnotations;

namespace Project01.Training.Extensions;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Queue a training job by itself when the offline features change and then settle.</summary>
    public bool AutoTrain { get; set; } = true;

    /// <summary>How long the feature watermarks must stay still before new data counts as settled.</summary>
    [Range(0, 3600)]
    public int SettleSeconds { get; set; } = 5;

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 2;

    /// <summary>The models auto-training keeps current, as <c>&lt;target&gt;-&lt;algorithm&gt;</c> names (e.g. vol5-har);
    /// unset means ret1-lightgbm, the model the inference API serves. (Null by default: the configuration binder would
    /// append to a pre-filled array rather than replace it.)</summary>
    public string[]? Models { get; set; }

    public IReadOnlyList<string> ModelsOrDefault => Models is { Length: > 0 } models ? models : [DefaultModel];

    public const string DefaultModel = "ret1-lightgbm";
}
