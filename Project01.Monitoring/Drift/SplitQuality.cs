using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Core.Market.CorporateActions;

namespace Project01.Monitoring.Drift;

/// <summary>
/// The data-quality check for unadjusted corporate actions: a one-bar move of a symbol's close near a split ratio
/// (2:1, 3:2, 1:10, …) in the span a model is being judged on means prices were not adjusted, and every return and
/// volatility feature around it is wrong. Features keep only the close, and on closes alone a crash of the same size
/// looks the same (P&amp;G fell 31 % on 2000-03-07, 4 % from a 3:2 split), so this is a warning to check, not an alert.
/// </summary>
public static class SplitQuality
{
    public const string Kind = "split_like";

    public static IEnumerable<QualityIssue> Check(IReadOnlyList<FeatureObservation> rows, int closeColumn, DateTime from)
    {
        foreach (var symbol in rows.Where(r => r.EventTime > from).GroupBy(r => r.Symbol).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var closes = symbol.OrderBy(r => r.EventTime).Where(r => double.IsFinite(r.Values[closeColumn]) && r.Values[closeColumn] > 0)
                .Select(r => Bar.FromClose(r.Symbol, r.EventTime, r.Values[closeColumn])).ToList();
            foreach (var jump in SplitDetector.Find(closes))
                yield return new QualityIssue(Kind, symbol.Key, DriftLevel.Warning, $"{jump}: if it was a split, adjust the prices (p01 import --splits) before training on them");
        }
    }
}
