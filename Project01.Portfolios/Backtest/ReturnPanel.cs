using MathNet.Numerics.LinearAlgebra;
using Project01.Core.Market;

namespace Project01.Portfolios.Backtest;

/// <summary>
/// Daily simple returns of N assets on the dates every asset traded: <c>Returns[t, i]</c> = close_t / close_{t−1} − 1
/// of asset i, dated by the close that ends it.
/// </summary>
public sealed class ReturnPanel
{
    public IReadOnlyList<DateTime> Dates { get; }
    public IReadOnlyList<string> Symbols { get; }
    public Matrix<double> Returns { get; }

    public ReturnPanel(IReadOnlyList<DateTime> dates, IReadOnlyList<string> symbols, Matrix<double> returns)
    {
        if (returns.RowCount != dates.Count || returns.ColumnCount != symbols.Count) throw new ArgumentException("returns do not match the dates and symbols");
        (Dates, Symbols, Returns) = (dates, symbols, returns);
    }

    /// <summary>From a long table of closes (any order); dates missing for some symbol are dropped for all, so every
    /// return spans the same two sessions.</summary>
    public static ReturnPanel FromCloses(IEnumerable<Bar> bars)
    {
        var bySymbol = bars.GroupBy(b => b.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(b => b.Time, b => b.Close), StringComparer.Ordinal);
        if (bySymbol.Count < 2) throw new ArgumentException($"a portfolio needs at least 2 symbols, the file has {bySymbol.Count}");
        var symbols = bySymbol.Keys.Order(StringComparer.Ordinal).ToList();
        var dates = bySymbol.Values.Select(d => (IEnumerable<DateTime>)d.Keys).Aggregate((a, b) => a.Intersect(b)).Order().ToList();
        if (dates.Count < 3) throw new ArgumentException("the symbols share fewer than 3 dates");
        var returns = Matrix<double>.Build.Dense(dates.Count - 1, symbols.Count, (t, i) =>
        {
            var closes = bySymbol[symbols[i]];
            return closes[dates[t + 1]] / closes[dates[t]] - 1;
        });
        return new ReturnPanel(dates.Skip(1).ToList(), symbols, returns);
    }

    /// <summary>The first row dated on or after <paramref name="date"/> (Count when none).</summary>
    public int IndexOnOrAfter(DateTime date)
    {
        var i = 0;
        while (i < Dates.Count && Dates[i] < date) i++;
        return i;
    }
}
