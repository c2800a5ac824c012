namespace Project01.Backtesting.Strategies;

/// <summary>
/// qlib's TopkDropoutStrategy: hold <c>k</c> names; each period rank the held names and the best
/// <c>nDrop + k − held</c> names not held together, sell the held names that fall among the <c>nDrop</c> worst of that
/// list, and buy the best not-held names to get back to <c>k</c>. At most <c>nDrop</c> names change per period, which
/// caps turnover. Holdings are equal-weighted at 1/k and rebalanced each period (qlib keeps drifted weights instead);
/// a held name without a signal that period is sold.
/// </summary>
public sealed class TopkDropoutStrategy : IPortfolioStrategy
{
    private readonly int _k;
    private readonly int _nDrop;

    public TopkDropoutStrategy(int k, int nDrop)
    {
        if (k < 1 || nDrop < 0 || nDrop > k) throw new ArgumentException($"need 1 ≤ k and 0 ≤ n_drop ≤ k (k = {k}, n_drop = {nDrop})");
        (_k, _nDrop) = (k, nDrop);
    }

    public string Name => $"topk{_k}-drop{_nDrop}";

    public IReadOnlyDictionary<string, double> TargetWeights(IReadOnlyList<Signal> signals, IReadOnlySet<string> held)
    {
        var last = Ranking.BestFirst(signals.Where(s => held.Contains(s.Symbol))).ToList();
        var today = Ranking.BestFirst(signals.Where(s => !held.Contains(s.Symbol))).Take(Math.Max(0, _nDrop + _k - last.Count)).ToList();
        var combined = Ranking.BestFirst([.. last, .. today]).ToList();
        var worst = combined.Skip(Math.Max(0, combined.Count - _nDrop)).Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        var sell = last.Where(s => worst.Contains(s.Symbol)).ToList();
        var buy = today.Take(Math.Max(0, sell.Count + _k - last.Count));
        var holdings = last.Except(sell).Concat(buy).Select(s => s.Symbol).ToList();
        return holdings.ToDictionary(s => s, _ => 1.0 / _k, StringComparer.Ordinal);
    }
}
