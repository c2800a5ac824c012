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
