using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;

namespace Project01.Modeling.Datasets;

/// <summary>Bars → price-view feature history, one <see cref="PriceFeatureEngine"/> per symbol (the engine the feature
/// store runs), so offline evaluation sees exactly the values the platform serves.</summary>
public static class FeatureHistory
{
    public static List<FeatureObservation> FromBars(IEnumerable<Bar> bars)
    {
        var result = new List<FeatureObservation>();
        var n = PriceFeatures.Count;
        foreach (var series in bars.GroupBy(b => b.Symbol))
        {
            var ordered = series.OrderBy(b => b.Time).ToArray();
            var values = PriceFeatureEngine.ComputeBatch(ordered);
            for (var i = 0; i < ordered.Length; i++)
                result.Add(new FeatureObservation(series.Key, ordered[i].Time, values.AsSpan(i * n, n).ToArray()));
        }
        return result;
    }
}
