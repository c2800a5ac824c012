using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Modeling.Datasets;

namespace Project01.Benchmarks.Modeling;

/// <summary>
/// A large panel for speed measurements, made only of real examples: the bundled S&amp;P 500 and Dow 30 series run
/// through the feature engine give 31 real (features, next-day return) series; symbol s of the panel replays series
/// s mod 31 from its own offset, cycling round at the end. No price is invented; only the arrangement is synthetic
/// (so the numbers are about speed, not about forecasting).
/// </summary>
public static class SyntheticPanel
{
    public static IReadOnlyList<Example> Build(int symbols, int days)
    {
        var sources = RealSeries();
        var start = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        var examples = new Example[symbols * days];
        for (var s = 0; s < symbols; s++)
        {
            var series = sources[s % sources.Count];
            var offset = (s / sources.Count * 97 + s * 13) % series.Count;
            var symbol = $"S{s:D3}";
            for (var d = 0; d < days; d++)
            {
                var real = series[(offset + d) % series.Count];
                examples[d * symbols + s] = real with { Symbol = symbol, FeatureTime = start.AddDays(d), TargetTime = start.AddDays(d + 1) };
            }
        }
        return examples;
    }

    private static List<IReadOnlyList<Example>> RealSeries()
    {
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        var bars = new MarketCsvReader(BundledData.DowJones30Daily, "?").ReadStrict(reader).Concat(BundledData.Sp500Bars());
        var history = FeatureHistory.FromBars(bars);
        return
        [
            .. history.GroupBy(h => h.Symbol).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<Example>)DatasetBuilder.Build(g.ToList(), PriceFeatures.Names, ForecastTarget.Ret1).Examples),
        ];
    }
}
