namespace Project01.Modeling.Tuning;

/// <summary>Decides after each step whether a running trial is worth finishing.</summary>
public interface IPruner
{
    /// <param name="step">The step just reported (0-based).</param>
    /// <param name="meanLoss">The trial's mean loss over steps 0..step.</param>
    /// <param name="completed">The trials completed so far (every one has all its steps).</param>
    bool ShouldPrune(int step, double meanLoss, IReadOnlyList<TrialRecord> completed);
}
