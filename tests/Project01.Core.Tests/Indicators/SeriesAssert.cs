using System.Globalization;

namespace Project01.Core.Tests.Indicators;

/// <summary>Compares a streamed series with its reference and fails at the first offending row, named by its label (the date).</summary>
internal static class SeriesAssert
{
    /// <summary>
    /// Same NaN pattern, and |a − e| ≤ tolerance · max(|e|, scale(i)); a tolerance of 0 demands the same bits.
    /// </summary>
    public static void Matches(string name, IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance,
        Func<int, double> scale, Func<int, string> label)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            if (double.IsNaN(e) != double.IsNaN(a))
                Assert.Fail($"{name} at {label(i)} (row {i}): expected {Show(e)}, got {Show(a)}");
            if (double.IsNaN(e)) continue;
            if (tolerance == 0)
            {
                if (BitConverter.DoubleToInt64Bits(e) != BitConverter.DoubleToInt64Bits(a))
                    Assert.Fail($"{name} at {label(i)} (row {i}): expected exactly {Show(e)}, got {Show(a)}");
                continue;
            }
            var bound = tolerance * Math.Max(Math.Abs(e), scale(i));
            if (!(Math.Abs(a - e) <= bound))
                Assert.Fail($"{name} at {label(i)} (row {i}): expected {Show(e)}, got {Show(a)} (|diff| {Math.Abs(a - e):E3} > {bound:E3})");
        }
    }

    private static string Show(double v) => double.IsNaN(v) ? "NA" : v.ToString("R", CultureInfo.InvariantCulture);
}
