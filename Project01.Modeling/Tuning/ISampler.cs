namespace Project01.Modeling.Tuning;

/// <summary>
/// Chooses the next trial's setting from the trials finished so far. The study hands each trial its own generator
/// (seeded by the study's seed and the trial's number), so a sampler holds no state of its own.
/// </summary>
public interface ISampler
{
    string Name { get; }

    TrialParameters Sample(SearchSpace space, IReadOnlyList<TrialRecord> finished, Random random);
}
