using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Tests;

/// <summary>The bundled S&P 500 bars run through the price feature engine, as the feature store would hold them.</summary>
public static class Sp500History
{
    private static readonly Lazy<IReadOnlyList<FeatureObservation>> Lazy = new(() =>
    {
        var bars = BundledData.Sp500Bars();
        var values = PriceFeatureEngine.ComputeBatch(bars.ToArray());
        var n = PriceFeatures.Count;
        return bars.Select((b, i) => new FeatureObservation(b.Symbol, b.Time, values.AsSpan(i * n, n).ToArray())).ToList();
    });

    public static IReadOnlyList<FeatureObservation> Observations => Lazy.Value;
}
