using Project01.Core.Market;

namespace Project01.Risk.Returns;

/// <summary>Daily log returns of one series, each dated by the bar it ends on (the return of day t is ln(close_t / close_{t−1})).</summary>
public sealed record DatedReturns(DateTime[] Dates, double[] Values)
{
    public int Count => Values.Length;

    /// <param name="bars">one series' bars, oldest first.</param>
    public static DatedReturns FromCloses(IReadOnlyList<Bar> bars)
    {
        if (bars.Count < 2) throw new ArgumentException($"returns need at least two bars, not {bars.Count}");
        if (bars.Any(b => b.Symbol != bars[0].Symbol)) throw new ArgumentException("the bars must be one series (one symbol)");
        var dates = new DateTime[bars.Count - 1];
        var values = new double[bars.Count - 1];
        for (var t = 1; t < bars.Count; t++)
        {
            if (bars[t].Time <= bars[t - 1].Time) throw new ArgumentException($"bars must move forward in time ({bars[t].Time:yyyy-MM-dd})");
            dates[t - 1] = bars[t].Time;
            values[t - 1] = Math.Log(bars[t].Close / bars[t - 1].Close);
        }
        return new DatedReturns(dates, values);
    }

    /// <summary>The first return dated on or after <paramref name="date"/>; <see cref="Count"/> when there is none.</summary>
    public int IndexOnOrAfter(DateTime date)
    {
        var i = Array.BinarySearch(Dates, date);
        return i >= 0 ? i : ~i;
    }

    /// <summary>The returns dated on or before <paramref name="date"/>.</summary>
    public DatedReturns Through(DateTime date)
    {
        var end = IndexOnOrAfter(date.AddTicks(1));
        return new DatedReturns(Dates[..end], Values[..end]);
    }
}
