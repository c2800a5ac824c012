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

/// <summary>Random search (Bergstra and Bengio 2012): every setting drawn uniformly in its coordinates, history ignored.</summary>
public sealed class RandomSampler : ISampler
{
    public const string SamplerName = "random";

    public string Name => SamplerName;

    public TrialParameters Sample(SearchSpace space, IReadOnlyList<TrialRecord> finished, Random random) => space.SampleUniform(random);
}
