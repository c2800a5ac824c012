namespace Project01.Modeling.Tuning;

/// <summary>The parameters a study tunes, each sampled independently (TPE's univariate form).</summary>
public sealed class SearchSpace
{
    public SearchSpace(IReadOnlyList<SearchParameter> parameters)
    {
        if (parameters.Count == 0) throw new ArgumentException("a search space needs at least one parameter");
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"parameter '{duplicate.Key}' appears twice");
        foreach (var p in parameters) Check(p);
        Parameters = parameters;
    }

    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>A uniform draw: uniform in each coordinate, so log-uniform for log-scaled parameters.</summary>
    public TrialParameters SampleUniform(Random random) =>
        new(this, [.. Parameters.Select(p => SampleUniform(p, random))]);

    internal static double SampleUniform(SearchParameter parameter, Random random)
    {
        if (parameter is CategoricalParameter c) return random.Next(c.Choices.Count);
        var (low, high) = parameter.CoordinateRange;
        return parameter.FromCoordinate(low + random.NextDouble() * (high - low));
    }

    private static void Check(SearchParameter p)
    {
        var ok = p switch
        {
            FloatParameter f => f.Low < f.High && double.IsFinite(f.Low) && double.IsFinite(f.High) && (!f.Log || f.Low > 0),
            IntParameter i => i.Low < i.High && (!i.Log || i.Low >= 1),
            CategoricalParameter c => c.Choices.Count >= 2 && c.Choices.Distinct().Count() == c.Choices.Count,
            _ => false,
        };
        if (!ok) throw new ArgumentException($"parameter '{p.Name}': {p} is not a valid range (low < high, low > 0 on a log scale, two or more distinct choices)");
    }
}
