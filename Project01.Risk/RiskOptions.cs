namespace Project01.Risk;

/// <summary>What a risk estimate reports and how hard it simulates. The seed makes every figure reproducible.</summary>
public sealed record RiskOptions
{
    public IReadOnlyList<double> Levels { get; init; } = [0.95, 0.99];

    /// <summary>Horizons in trading days; VaR and ES of the cumulative log return over each.</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [1, 10];

    public int Paths { get; init; } = 10_000;

    public int Seed { get; init; } = 1;

    /// <summary>The variance recursion fitted (GJR-GARCH by default: on equity indices falls raise volatility more than
    /// rises, and a symmetric GARCH reacts a day late to a sell-off).</summary>
    public Garch.VolatilityModel Model { get; init; } = Garch.VolatilityModel.GjrGarch;

    /// <summary>The first problem with these options, or null.</summary>
    public string? Validate()
    {
        if (Levels.Count == 0 || Levels.Any(l => l is <= 0 or >= 1)) return "levels are confidence levels between 0 and 1 (e.g. 0.95, 0.99)";
        if (Horizons.Count == 0 || Horizons.Any(h => h < 1)) return "horizons are whole days, at least 1";
        if (Paths < 100) return $"at least 100 paths are needed, not {Paths}";
        return null;
    }

    internal void ThrowIfInvalid()
    {
        if (Validate() is { } problem) throw new ArgumentException(problem);
    }
}
