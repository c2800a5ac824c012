namespace Project01.Risk.Simulation;

/// <summary>
/// Value at risk and expected shortfall as positive losses: a loss is the negative of a (cumulative) log return, so
/// VaR 0.031 at 99 % means "a log-return fall worse than −3.1 % is expected on 1 % of days".
/// </summary>
public readonly record struct TailRisk(double ValueAtRisk, double ExpectedShortfall)
{
    /// <summary>
    /// VaR at confidence level c is the empirical c-quantile of the losses (the ⌈N·c⌉-th smallest, inverse CDF); ES is
    /// the mean of the losses beyond it, the ⌊N·(1 − c)⌋ largest (the largest alone when that is zero), so ES ≥ VaR.
    /// </summary>
    /// <param name="returns">simulated returns; overwritten (negated into losses and sorted).</param>
    public static TailRisk[] FromReturns(Span<double> returns, IReadOnlyList<double> levels)
    {
        if (returns.IsEmpty) throw new ArgumentException("no simulated returns");
        for (var i = 0; i < returns.Length; i++) returns[i] = -returns[i];
        returns.Sort();
        var result = new TailRisk[levels.Count];
        for (var k = 0; k < levels.Count; k++) result[k] = FromSortedLosses(returns, levels[k]);
        return result;
    }

    private static TailRisk FromSortedLosses(ReadOnlySpan<double> losses, double level)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "a confidence level lies between 0 and 1");
        var n = losses.Length;
        // The product rounds (0.99 × 10,000 = 9899.999…); snap to the integer it stands for before the ceiling.
        var quantileRank = (int)Math.Ceiling(Math.Round(n * level, 9));
        var valueAtRisk = losses[Math.Clamp(quantileRank, 1, n) - 1];
        var tail = losses[Math.Min(quantileRank, n - 1)..];
        var sum = 0.0;
        foreach (var loss in tail) sum += loss;
        // Every tail loss is ≥ VaR; the max only absorbs the last bit of rounding in the mean.
        return new TailRisk(valueAtRisk, Math.Max(valueAtRisk, sum / tail.Length));
    }
}
