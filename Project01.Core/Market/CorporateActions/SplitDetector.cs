namespace Project01.Core.Market.CorporateActions;

/// <summary>A one-bar move that looks like an unadjusted split: previous close ÷ close near a split ratio.</summary>
public sealed record SuspectedSplit(string Symbol, DateTime Time, double PreviousClose, double Close, double Ratio)
{
    public string Label => StockSplit.Label(Ratio);

    public override string ToString() =>
        $"{Symbol} {MarketTimestamp.Format(Time, Time.TimeOfDay == TimeSpan.Zero)}: close {PreviousClose:G6} → {Close:G6} looks like a {Label} split";
}

/// <summary>
/// Finds split-like jumps in raw prices. A split divides the price by its ratio overnight, so the open sits near
/// previous close ÷ ratio whatever the day then does (AAPL's 4:1 opened at 127.58 after 499.23, then closed at 129.04,
/// 3 % off the ratio); a crash moves the close but rarely opens there. Close-only series are judged on the close.
/// </summary>
public static class SplitDetector
{
    /// <summary>Ratios of new to old shares common in practice: forward splits and reverse splits.</summary>
    public static IReadOnlyList<double> Ratios { get; } = [1.5, 2, 3, 4, 5, 7, 8, 10, 15, 20, 1 / 1.5, 0.5, 1 / 3.0, 0.25, 0.2, 0.1, 0.05];

    public const double DefaultTolerance = 0.05;

    /// <summary>Every bar of one symbol's series (in time order) whose open (close, without a range) is within
    /// <paramref name="tolerance"/> (relative) of previous close ÷ a split ratio.</summary>
    public static IReadOnlyList<SuspectedSplit> Find(IReadOnlyList<Bar> bars, double tolerance = DefaultTolerance)
    {
        var found = new List<SuspectedSplit>();
        for (var i = 1; i < bars.Count; i++)
        {
            var (previous, bar) = (bars[i - 1], bars[i]);
            var jump = previous.Close / (bar.High > bar.Low ? bar.Open : bar.Close);
            if (Nearest(jump, tolerance) is not { } ratio) continue;
            found.Add(new SuspectedSplit(bar.Symbol, bar.Time, previous.Close, bar.Close, ratio));
        }
        return found;
    }

    private static double? Nearest(double jump, double tolerance)
    {
        double? best = null;
        var bestError = tolerance;
        foreach (var r in Ratios)
        {
            var error = Math.Abs(jump / r - 1);
            if (error <= bestError) (best, bestError) = (r, error);
        }
        return best;
    }
}
