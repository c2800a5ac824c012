namespace Project01.Modeling.Tuning;

/// <summary>
/// Optuna's <c>MedianPruner</c>: once <see cref="StartupTrials"/> trials have completed, and from step
/// <see cref="WarmupSteps"/> on, a trial whose mean loss so far is worse than the median of the completed trials' mean
/// losses over the same steps is stopped. For a walk-forward objective that is "after fold k, worse than the typical
/// finished setting was after fold k": the folds are the same for every trial, so the comparison is like for like.
/// An undefined (NaN) loss is pruned.
/// </summary>
public sealed class MedianPruner(int startupTrials = 5, int warmupSteps = 0) : IPruner
{
    public int StartupTrials { get; } = startupTrials >= 0 ? startupTrials : throw new ArgumentOutOfRangeException(nameof(startupTrials));
    public int WarmupSteps { get; } = warmupSteps >= 0 ? warmupSteps : throw new ArgumentOutOfRangeException(nameof(warmupSteps));

    public bool ShouldPrune(int step, double meanLoss, IReadOnlyList<TrialRecord> completed)
    {
        if (step < WarmupSteps) return false;
        var comparable = completed.Where(t => t.State == TrialState.Complete && t.StepLosses.Count > step).ToList();
        if (comparable.Count < StartupTrials || comparable.Count == 0) return false;
        if (double.IsNaN(meanLoss)) return true;
        var median = Median([.. comparable.Select(t => t.MeanLossThrough(step)).Where(v => !double.IsNaN(v))]);
        return meanLoss > median;
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }
}
