namespace Project01.Backtesting.Strategies;

/// <summary>
/// Turns one period's signals into target weights (fractions of equity; negative = short; the rest is cash earning
/// nothing). <paramref name="held"/> are the names held going into the period (for strategies with memory).
/// </summary>
public interface IPortfolioStrategy
{
    string Name { get; }

    IReadOnlyDictionary<string, double> TargetWeights(IReadOnlyList<Signal> signals, IReadOnlySet<string> held);
}

internal static class Ranking
{
    /// <summary>Best score first; ties broken by symbol so every run picks the same names.</summary>
    public static IEnumerable<Signal> BestFirst(IEnumerable<Signal> signals) =>
        signals.OrderByDescending(s => s.Score).ThenBy(s => s.Symbol, StringComparer.Ordinal);
}
