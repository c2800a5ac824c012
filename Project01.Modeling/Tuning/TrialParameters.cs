namespace Project01.Modeling.Tuning;

/// <summary>One trial's setting: a value per parameter of the space (a categorical's choice index).</summary>
public sealed class TrialParameters
{
    private readonly double[] _values;

    public TrialParameters(SearchSpace space, IReadOnlyList<double> values)
    {
        if (values.Count != space.Parameters.Count) throw new ArgumentException($"{values.Count} values for {space.Parameters.Count} parameters");
        for (var i = 0; i < values.Count; i++)
            if (!space.Parameters[i].Contains(values[i])) throw new ArgumentOutOfRangeException(nameof(values), $"{space.Parameters[i].Name} = {values[i]} is outside {space.Parameters[i]}");
        Space = space;
        _values = [.. values];
    }

    public SearchSpace Space { get; }

    /// <summary>The value of the parameter at <paramref name="index"/> in <see cref="SearchSpace.Parameters"/>.</summary>
    public double this[int index] => _values[index];

    public double Float(string name) => _values[IndexOf(name)];
    public int Int(string name) => (int)_values[IndexOf(name)];
    public string Category(string name) => ((CategoricalParameter)Space.Parameters[IndexOf(name)]).Choices[(int)_values[IndexOf(name)]];

    /// <summary>Name → value as text (invariant culture): what progress lines, the JSON and the registry show.</summary>
    public IReadOnlyDictionary<string, string> Describe() =>
        Space.Parameters.Select((p, i) => (p.Name, Text: p.Format(_values[i]))).ToDictionary(x => x.Name, x => x.Text);

    public override string ToString() => string.Join(' ', Describe().Select(kv => $"{kv.Key}={kv.Value}"));

    private int IndexOf(string name)
    {
        for (var i = 0; i < Space.Parameters.Count; i++) if (Space.Parameters[i].Name == name) return i;
        throw new KeyNotFoundException($"the search space has no parameter '{name}'");
    }
}
