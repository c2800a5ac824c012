namespace Project01.Backtesting.Strategies;

/// <summary>
/// Long the top <c>quantile</c> of names by score and short the bottom one, each leg equal-weighted with
/// <c>legNotional</c> of equity (default 1: the period return is the top-minus-bottom spread). At least one name per
/// leg; with fewer than two names, nothing is held.
/// </summary>
public sealed class LongShortQuantileStrategy : IPortfolioStrategy
{
    private readonly double _quantile;
    private readonly double _legNotional;

    public LongShortQuantileStrategy(double quantile, double legNotional = 1)
    {
        if (!(quantile > 0 && quantile <= 0.5)) throw new ArgumentException($"the quantile must be in (0, 0.5], got {quantile}");
        if (!(legNotional > 0)) throw new ArgumentException($"the leg notional must be positive, got {legNotional}");
        (_quantile, _legNotional) = (quantile, legNotional);
    }

    public string Name => $"long-short-q{_quantile:0.###}";

    public IReadOnlyDictionary<string, double> TargetWeights(IReadOnlyList<Signal> signals, IReadOnlySet<string> held)
    {
        var ranked = Ranking.BestFirst(signals).ToList();
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (ranked.Count < 2) return weights;
        var perLeg = Math.Max(1, (int)Math.Floor(_quantile * ranked.Count));
        foreach (var s in ranked.Take(perLeg)) weights[s.Symbol] = _legNotional / perLeg;
        foreach (var s in ranked.Skip(ranked.Count - perLeg)) weights[s.Symbol] = -_legNotional / perLeg;
        return weights;
    }
}
