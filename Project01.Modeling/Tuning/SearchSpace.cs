using System.Globalization;

namespace Project01.Modeling.Tuning;

/// <summary>
/// One hyper-parameter. Samplers work in its <em>coordinate</em>: the value itself, its logarithm for a log-scaled
/// parameter, the choice's index for a categorical one. An integer's coordinate range reaches half a step beyond
/// each bound, so rounding gives every integer its share of the range (as Optuna does).
/// </summary>
public abstract record SearchParameter(string Name)
{
    /// <summary>The coordinate range a numeric sampler draws from.</summary>
    public abstract (double Low, double High) CoordinateRange { get; }

    /// <summary>The parameter's value at a coordinate (rounded and clamped for integers).</summary>
    public abstract double FromCoordinate(double coordinate);

    public abstract double ToCoordinate(double value);

    /// <summary>Whether <paramref name="value"/> is one this parameter can take.</summary>
    public abstract bool Contains(double value);

    public abstract string Format(double value);
}

/// <summary>A real number in [<paramref name="Low"/>, <paramref name="High"/>], uniform or (with <paramref name="Log"/>)
/// log-uniform a priori.</summary>
public sealed record FloatParameter(string Name, double Low, double High, bool Log = false) : SearchParameter(Name)
{
    public override (double Low, double High) CoordinateRange => (ToCoordinate(Low), ToCoordinate(High));
    public override double FromCoordinate(double coordinate) => Math.Clamp(Log ? Math.Exp(coordinate) : coordinate, Low, High);
    public override double ToCoordinate(double value) => Log ? Math.Log(value) : value;
    public override bool Contains(double value) => value >= Low && value <= High;
    public override string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>An integer in [<paramref name="Low"/>, <paramref name="High"/>]; <paramref name="Log"/> for counts whose
/// effect is multiplicative (trees, leaves).</summary>
public sealed record IntParameter(string Name, int Low, int High, bool Log = false) : SearchParameter(Name)
{
    public override (double Low, double High) CoordinateRange => (ToCoordinate(Low - 0.5), ToCoordinate(High + 0.5));
    public override double FromCoordinate(double coordinate) => Math.Clamp(Math.Round(Log ? Math.Exp(coordinate) : coordinate), Low, High);
    public override double ToCoordinate(double value) => Log ? Math.Log(value) : value;
    public override bool Contains(double value) => value >= Low && value <= High && value == Math.Round(value);
    public override string Format(double value) => ((int)value).ToString(CultureInfo.InvariantCulture);
}

/// <summary>One of a few named choices, no order among them.</summary>
public sealed record CategoricalParameter(string Name, IReadOnlyList<string> Choices) : SearchParameter(Name)
{
    public override (double Low, double High) CoordinateRange => (0, Choices.Count - 1);
    public override double FromCoordinate(double coordinate) => Math.Clamp(Math.Round(coordinate), 0, Choices.Count - 1);
    public override double ToCoordinate(double value) => value;
    public override bool Contains(double value) => value >= 0 && value < Choices.Count && value == Math.Round(value);
    public override string Format(double value) => Choices[(int)value];
}

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
