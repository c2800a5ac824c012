namespace Project01.Modeling.Tuning;

/// <summary>Thrown by <see cref="Trial.Report"/> when the pruner stops the trial; the study records it as pruned.</summary>
public sealed class TrialPrunedException(int number, int step) : Exception($"trial {number} pruned after step {step}");

/// <summary>
/// A running trial as its objective sees it: the setting to evaluate, and <see cref="Report"/> to hand in each step's
/// loss (each fold's, in order), which may stop it.
/// </summary>
public sealed class Trial
{
    private readonly List<double> _losses = [];
    private readonly IPruner? _pruner;
    private readonly Func<IReadOnlyList<TrialRecord>> _completed;

    internal Trial(int number, TrialParameters parameters, IPruner? pruner, Func<IReadOnlyList<TrialRecord>> completed)
    {
        Number = number;
        Parameters = parameters;
        _pruner = pruner;
        _completed = completed;
    }

    public int Number { get; }
    public TrialParameters Parameters { get; }
    public IReadOnlyList<double> StepLosses => _losses;

    /// <summary>Records step <paramref name="step"/>'s loss (steps come in order from 0) and throws
    /// <see cref="TrialPrunedException"/> when the pruner finds the trial's mean loss so far too poor.</summary>
    public void Report(int step, double loss)
    {
        if (step != _losses.Count) throw new ArgumentException($"trial {Number}: step {step} reported after {_losses.Count} step(s); steps come in order from 0");
        _losses.Add(loss);
        if (_pruner is not null && _pruner.ShouldPrune(step, _losses.Average(), _completed()))
            throw new TrialPrunedException(Number, step);
    }
}
