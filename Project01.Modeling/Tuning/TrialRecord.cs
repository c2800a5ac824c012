namespace Project01.Modeling.Tuning;

public enum TrialState
{
    /// <summary>Every step ran; <see cref="TrialRecord.Value"/> is what the objective returned.</summary>
    Complete,

    /// <summary>Stopped early by the pruner; <see cref="TrialRecord.Value"/> is the mean loss of the steps it ran.</summary>
    Pruned,
}

/// <summary>
/// A finished trial: its setting, how it ended, its value (a loss: lower is better) and the loss of each step it
/// reported (for a walk-forward objective, each fold's validation loss, in fold order).
/// </summary>
public sealed record TrialRecord(int Number, TrialParameters Parameters, TrialState State, double Value, IReadOnlyList<double> StepLosses,
    DateTime StartedAt, DateTime FinishedAt)
{
    /// <summary>The mean loss of steps 0..<paramref name="step"/>: what the pruner compares trials by.</summary>
    public double MeanLossThrough(int step) => StepLosses.Take(step + 1).Average();
}
