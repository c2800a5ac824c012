using System.Buffers;

namespace Project01.Core.CrossSectional;

/// <summary>
/// Cross-sectional transforms: one date, many symbols. NaN marks a symbol with no value that date; it stays NaN and
/// does not count. The panel helpers take a row-major [dates × symbols] span (row d holds every symbol's value on date
/// d) and transform each date on its own, so no value from another date leaks in. Scratch space comes from the shared
/// array pool: nothing is allocated once the pool is warm. The output may be the input span itself.
/// </summary>
public static class CrossSection
{
    /// <summary>
    /// Ranks the values; tied values share the average of the ranks they span (3, 1, 3 → 2.5, 1, 2.5 in
    /// <see cref="RankScale.Ordinal"/>; 0.75, 0, 0.75 in <see cref="RankScale.Fraction"/>). Returns m, the count ranked.
    /// </summary>
    public static int Rank(ReadOnlySpan<double> values, Span<double> output, RankScale scale = RankScale.Fraction)
    {
        RequireRoom(values.Length, output.Length);
        var keys = ArrayPool<double>.Shared.Rent(values.Length);
        var positions = ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            return Rank(values, output, scale, keys, positions);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
            ArrayPool<double>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// (x − mean)/σ over the values that are numbers, σ the sample SD (m − 1, as R's <c>scale()</c>). With fewer than
    /// two values, or no spread, every output is NaN: there is nothing to scale by. Returns m.
    /// </summary>
    public static int ZScore(ReadOnlySpan<double> values, Span<double> output)
    {
        RequireRoom(values.Length, output.Length);
        var count = 0;
        double sum = 0;
        foreach (var x in values)
        {
            if (double.IsNaN(x)) continue;
            sum += x;
            count++;
        }
        var mean = sum / count;
        double squares = 0;
        foreach (var x in values)
            if (!double.IsNaN(x)) squares += (x - mean) * (x - mean);
        var sd = count > 1 ? Math.Sqrt(squares / (count - 1)) : double.NaN;
        var usable = sd > 0;
        for (var i = 0; i < values.Length; i++)
            output[i] = usable ? (values[i] - mean) / sd : double.NaN;
        return count;
    }

    /// <summary><see cref="Rank(ReadOnlySpan{double}, Span{double}, RankScale)"/> applied to each date of a [dates × symbols] panel.</summary>
    public static void RankByDate(ReadOnlySpan<double> panel, int symbols, Span<double> output, RankScale scale = RankScale.Fraction)
    {
        var dates = Dates(panel.Length, symbols, output.Length);
        var keys = ArrayPool<double>.Shared.Rent(symbols);
        var positions = ArrayPool<int>.Shared.Rent(symbols);
        try
        {
            for (var d = 0; d < dates; d++)
                Rank(panel.Slice(d * symbols, symbols), output.Slice(d * symbols, symbols), scale, keys, positions);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
            ArrayPool<double>.Shared.Return(keys);
        }
    }

    /// <summary><see cref="ZScore"/> applied to each date of a [dates × symbols] panel.</summary>
    public static void ZScoreByDate(ReadOnlySpan<double> panel, int symbols, Span<double> output)
    {
        var dates = Dates(panel.Length, symbols, output.Length);
        for (var d = 0; d < dates; d++)
            ZScore(panel.Slice(d * symbols, symbols), output.Slice(d * symbols, symbols));
    }

    private static int Rank(ReadOnlySpan<double> values, Span<double> output, RankScale scale, double[] keys, int[] positions)
    {
        var m = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                output[i] = double.NaN;
                continue;
            }
            keys[m] = x;
            positions[m++] = i;
        }
        var sorted = keys.AsSpan(0, m);
        var at = positions.AsSpan(0, m);
        sorted.Sort(at);
        for (var start = 0; start < m;)
        {
            var end = start + 1;
            while (end < m && sorted[end] == sorted[start]) end++;
            var rank = (start + 1 + end) / 2.0; // the mean of the 1-based ranks start + 1 .. end
            var value = scale == RankScale.Ordinal ? rank : m == 1 ? 0.5 : (rank - 1) / (m - 1);
            for (var k = start; k < end; k++) output[at[k]] = value;
            start = end;
        }
        return m;
    }

    private static void RequireRoom(int input, int output)
    {
        if (output < input) throw new ArgumentException("output is shorter than input", nameof(output));
    }

    private static int Dates(int cells, int symbols, int output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(symbols, 1);
        if (cells % symbols != 0) throw new ArgumentException($"a panel of {cells} cells is not whole rows of {symbols} symbols", nameof(symbols));
        RequireRoom(cells, output);
        return cells / symbols;
    }
}
