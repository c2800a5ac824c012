using Project01.Core.Data;
using Project01.Core.Market;

namespace Project01.Benchmarks.Indicators;

/// <summary>
/// Benchmark inputs, all real prices: the bundled S&amp;P 500 daily OHLCV series (5,105 bars) and the 30 Dow stocks'
/// daily closes (close-only bars, no volume). A synthetic panel symbol is one of these 31 series read from its own
/// offset and cycled (the end wraps to the start: one jump per lap), re-dated to consecutive days so that time moves
/// forward. No price is invented; only the dates and the symbol names are.
/// </summary>
internal static class RealBars
{
    private static readonly Lazy<Bar[][]> Sources = new(Load);

    public static Bar[] Sp500 => Sources.Value[0];

    /// <summary>The last <paramref name="count"/> S&amp;P 500 bars (the latest two years for 502).</summary>
    public static Bar[] Sp500Tail(int count) => Sp500[^count..];

    /// <summary>Symbol <paramref name="symbol"/> of a cycled panel: <paramref name="days"/> bars.</summary>
    public static Bar[] PanelSymbol(int symbol, int days)
    {
        var source = Sources.Value[symbol % Sources.Value.Length];
        var offset = (int)((symbol * 7_919L) % source.Length); // a prime stride spreads the starting points
        var name = $"P{symbol:D4}";
        var start = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        var bars = new Bar[days];
        for (var d = 0; d < days; d++)
            bars[d] = source[(offset + d) % source.Length] with { Symbol = name, Time = start.AddDays(d) };
        return bars;
    }

    private static Bar[][] Load()
    {
        var sp500 = BundledData.Sp500Bars().ToArray();
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        var dow = new MarketCsvReader(BundledData.DowJones30Daily, "").ReadStrict(reader)
            .GroupBy(b => b.Symbol, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(b => b.Time).ToArray());
        return [sp500, .. dow];
    }
}
