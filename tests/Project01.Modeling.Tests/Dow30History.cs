using Project01.Core.Data;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Tests;

/// <summary>The bundled Dow 30 daily closes (1991–2000) run through the price feature engine, symbol by symbol.</summary>
public static class Dow30History
{
    private static readonly Lazy<IReadOnlyList<FeatureObservation>> Lazy = new(() =>
    {
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        return FeatureHistory.FromBars(new MarketCsvReader(BundledData.DowJones30Daily, "?").ReadStrict(reader).ToList());
    });

    public static IReadOnlyList<FeatureObservation> Observations => Lazy.Value;
}
