using System.Globalization;
using Project01.Backtesting.Strategies;

namespace Project01.Backtesting;

/// <summary>
/// A strategy written as text, for command lines and stored runs: <c>topk:K:NDROP</c> (TopkDropout),
/// <c>longshort:Q</c> (quantile Q per leg), <c>longflat</c> or <c>longflat:THRESHOLD</c>. <see cref="Text"/> is the
/// canonical spelling that run ids are built from.
/// </summary>
public sealed record StrategySpec(string Text, IPortfolioStrategy Strategy)
{
    public static StrategySpec Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        try
        {
            return parts switch
            {
                ["topk", var k, var drop] => Canonical(new TopkDropoutStrategy(Int(k), Int(drop)), $"topk:{Int(k)}:{Int(drop)}"),
                ["longshort", var q] => Canonical(new LongShortQuantileStrategy(Number(q)), $"longshort:{Number(q).ToString("R", CultureInfo.InvariantCulture)}"),
                ["longflat"] => Canonical(new LongFlatStrategy(), "longflat:0"),
                ["longflat", var t] => Canonical(new LongFlatStrategy(Number(t)), $"longflat:{Number(t).ToString("R", CultureInfo.InvariantCulture)}"),
                _ => throw new FormatException("unknown form"),
            };
        }
        catch (FormatException)
        {
            throw new ArgumentException($"'{text}' is not a strategy (topk:K:NDROP, longshort:Q, longflat or longflat:THRESHOLD)");
        }
    }

    private static StrategySpec Canonical(IPortfolioStrategy strategy, string text) => new(text, strategy);

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
