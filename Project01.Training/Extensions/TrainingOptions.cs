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
}
