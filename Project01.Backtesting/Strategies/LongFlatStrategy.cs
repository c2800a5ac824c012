namespace Project01.Backtesting.Strategies;

/// <summary>One asset: fully long when the score is above <c>threshold</c> (0 for a return forecast, 0.5 for a
/// direction probability), else flat in cash.</summary>
public sealed class LongFlatStrategy(double threshold = 0) : IPortfolioStrategy
{
    public string Name => "long-flat";

    public IReadOnlyDictionary<string, double> TargetWeights(IReadOnlyList<Signal> signals, IReadOnlySet<string> held)
    {
        if (signals.Count > 1) throw new ArgumentException($"long/flat trades one asset; got {signals.Count} signals on {signals[0].Date:yyyy-MM-dd}");
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (signals.Count == 1 && signals[0].Score > threshold) weights[signals[0].Symbol] = 1;
        return weights;
    }
}
