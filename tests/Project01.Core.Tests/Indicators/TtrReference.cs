using System.Globalization;
using Project01.Core.Data;
using Project01.Core.Market;
using Project01.Tests;

namespace Project01.Core.Tests.Indicators;

/// <summary>The R TTR 0.24.3 vectors over the bundled S&P 500 series (tests/fixtures/ttr/README.md).</summary>
public sealed class TtrReference
{
    public static TtrReference Instance { get; } = new();

    public IReadOnlyList<Bar> Bars { get; }
    public IReadOnlyList<DateOnly> Dates { get; }
    private readonly Dictionary<string, double[]> _columns = new(StringComparer.Ordinal);

    private TtrReference()
    {
        Bars = BundledData.Sp500Bars();
        var lines = File.ReadAllLines(TestPaths.Fixture("ttr", "ttr-sp500-indicators.csv"));
        var header = lines[0].Split(',');
        var values = header.Select(_ => new double[lines.Length - 1]).ToArray();
        var dates = new DateOnly[lines.Length - 1];
        for (var row = 1; row < lines.Length; row++)
        {
            var fields = lines[row].Split(',');
            dates[row - 1] = DateOnly.ParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var c = 1; c < header.Length; c++)
                values[c][row - 1] = fields[c].Length == 0 ? double.NaN : double.Parse(fields[c], CultureInfo.InvariantCulture);
        }
        for (var c = 1; c < header.Length; c++) _columns[header[c]] = values[c];
        Dates = dates;
        if (Bars.Count != Dates.Count) throw new InvalidOperationException("bundled S&P 500 file and TTR reference differ in length");
    }

    public double[] Column(string name) => _columns.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException(name);

    public double[] Closes => Bars.Select(b => b.Close).ToArray();

    /// <summary>
    /// Asserts NA pattern and values: |a − b| ≤ 1e-9 · max(|b|, scale), failing with the first offending date.
    /// </summary>
    public void AssertMatches(string column, IReadOnlyList<double> actual, Func<int, double> scale)
    {
        var expected = Column(column);
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            if (double.IsNaN(e) != double.IsNaN(a))
                Assert.Fail($"{column} at {Dates[i]:yyyy-MM-dd} (row {i}): expected {(double.IsNaN(e) ? "NA" : e.ToString("R", CultureInfo.InvariantCulture))}, got {(double.IsNaN(a) ? "NA" : a.ToString("R", CultureInfo.InvariantCulture))}");
            if (double.IsNaN(e)) continue;
            var tolerance = 1e-9 * Math.Max(Math.Abs(e), scale(i));
            if (Math.Abs(a - e) > tolerance)
                Assert.Fail($"{column} at {Dates[i]:yyyy-MM-dd} (row {i}): expected {e:R}, got {a:R} (|diff| {Math.Abs(a - e):E3} > {tolerance:E3})");
        }
    }
}
