namespace Project01.Modeling.Tuning;

/// <summary>Random search (Bergstra and Bengio 2012): every setting drawn uniformly in its coordinates, history ignored.</summary>
public sealed class RandomSampler : ISampler
{
    public const string SamplerName = "random";

    public string Name => SamplerName;

    public TrialParameters Sample(SearchSpace space, IReadOnlyList<TrialRecord> finished, Random random) => space.SampleUniform(random);
}
