using CsCheck;
using Project01.Core.CrossSectional;

namespace Project01.Core.Tests.CrossSectional;

public sealed class CrossSectionTests
{
    private const double NA = double.NaN;

    // Symbols' values on one date: a few levels (ties) or continuous, with some missing.
    private static readonly Gen<double[]> Values = Gen.OneOf(
        Gen.Int[-2, 2].Select(i => (double)i),
        Gen.Double[-1_000, 1_000],
        Gen.Const(NA)).Array[0, 60];

    /// <summary>Naive average rank: 1 + (values below) + (other values equal)/2.</summary>
    private static double NaiveRank(double[] xs, int i) =>
        1 + xs.Count(x => x < xs[i]) + (xs.Count(x => x == xs[i]) - 1) / 2.0;

    [Fact]
    public void RanksAverageTiesAndSkipMissingValues()
    {
        double[] values = [3, NA, 1, 3, 2];
        var output = new double[5];
        Assert.Equal(4, CrossSection.Rank(values, output, RankScale.Ordinal));
        Assert.Equal([3.5, NA, 1, 3.5, 2], output);
        CrossSection.Rank(values, output);
        Assert.Equal([2.5 / 3, NA, 0, 2.5 / 3, 1 / 3.0], output);
        CrossSection.Rank([7.0, NA], output);
        Assert.Equal(0.5, output[0]); // a lone value sits in the middle
    }

    [Fact]
    public void ZScoresUseTheSampleDeviationAcrossSymbols()
    {
        var output = new double[4];
        Assert.Equal(3, CrossSection.ZScore([1.0, 2, 3, NA], output));
        Assert.Equal([-1, 0, 1, NA], output);
        CrossSection.ZScore([5.0, 5, 5, NA], output);
        Assert.All(output, v => Assert.True(double.IsNaN(v)));
        CrossSection.ZScore([5.0, NA, NA, NA], output);
        Assert.All(output, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void RankEqualsTheNaiveCount() =>
        Gen.Select(Values, Gen.Bool).Sample((xs, ordinal) =>
        {
            var output = new double[xs.Length];
            var m = CrossSection.Rank(xs, output, ordinal ? RankScale.Ordinal : RankScale.Fraction);
            var present = xs.Where(x => !double.IsNaN(x)).ToArray();
            Assert.Equal(present.Length, m);
            for (var i = 0; i < xs.Length; i++)
            {
                if (double.IsNaN(xs[i])) { Assert.True(double.IsNaN(output[i])); continue; }
                var rank = NaiveRank(present, Array.IndexOf(present, xs[i]));
                var expected = ordinal ? rank : m == 1 ? 0.5 : (rank - 1) / (m - 1);
                Assert.True(expected == output[i], $"symbol {i} ({xs[i]}): expected {expected}, got {output[i]}");
            }
        });

    [Fact]
    public void ZScoreEqualsTheTwoPassFormula() =>
        Values.Sample(xs =>
        {
            var output = new double[xs.Length];
            CrossSection.ZScore(xs, output);
            var present = xs.Where(x => !double.IsNaN(x)).ToArray();
            var mean = present.Length > 0 ? present.Average() : NA;
            var sd = present.Length > 1 ? Math.Sqrt(present.Sum(x => (x - mean) * (x - mean)) / (present.Length - 1)) : NA;
            for (var i = 0; i < xs.Length; i++)
            {
                var expected = sd > 0 ? (xs[i] - mean) / sd : NA;
                Assert.Equal(double.IsNaN(expected), double.IsNaN(output[i]));
                if (double.IsNaN(expected)) continue;
                // Rounding in the mean (ε·|mean|) reaches z divided by σ.
                Assert.True(Math.Abs(output[i] - expected) <= 1e-12 * Math.Max(Math.Abs(expected), 1 + Math.Abs(mean) / sd), $"symbol {i}: {output[i]:R} vs {expected:R}");
            }
        });

    [Fact]
    public void PanelHelpersTransformEachDateOnItsOwn() =>
        Gen.Select(Gen.Int[1, 12], Gen.Int[0, 20]).SelectMany((symbols, dates) =>
            Gen.OneOf(Gen.Int[-2, 2].Select(i => (double)i), Gen.Double[-50, 50], Gen.Const(NA)).Array[symbols * dates].Select(cells => (symbols, cells)))
        .Sample((symbols, panel) =>
        {
            var (ranked, scored) = (new double[panel.Length], new double[panel.Length]);
            CrossSection.RankByDate(panel, symbols, ranked, RankScale.Ordinal);
            CrossSection.ZScoreByDate(panel, symbols, scored);
            var row = new double[symbols];
            for (var d = 0; d < panel.Length / symbols; d++)
            {
                var date = panel.AsSpan(d * symbols, symbols);
                CrossSection.Rank(date, row, RankScale.Ordinal);
                Assert.Equal(row.Select(BitConverter.DoubleToInt64Bits), ranked.AsSpan(d * symbols, symbols).ToArray().Select(BitConverter.DoubleToInt64Bits));
                CrossSection.ZScore(date, row);
                Assert.Equal(row.Select(BitConverter.DoubleToInt64Bits), scored.AsSpan(d * symbols, symbols).ToArray().Select(BitConverter.DoubleToInt64Bits));
            }
        });

    [Fact]
    public void PanelMustBeWholeRows()
    {
        var e = Assert.Throws<ArgumentException>(() => CrossSection.RankByDate(new double[7], 3, new double[7]));
        Assert.Contains("whole rows", e.Message);
    }
}
