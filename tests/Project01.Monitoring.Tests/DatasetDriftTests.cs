using System.Globalization;
using System.Text;
using Project01.Core.Market;
using Project01.Monitoring.Drift;
using Project01.Tests;

namespace Project01.Monitoring.Tests;

public sealed class ColumnDriftTests
{
    [Fact]
    public void WassersteinMatchesScipyAndIsReportedInReferenceStandardDeviations()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0 (its documented example); the reference's sample
        // standard deviation is √(((4/3)² + (1/3)² + (5/3)²) / 2) = √(7/3).
        Assert.Equal(5.0, DriftStatistics.Wasserstein1([0, 1, 3], [5, 6, 8]), 12);
        var drift = ColumnDrift.Compare("x", [3, 0, 1], [8, 5, 6]);
        Assert.Equal(5.0 / Math.Sqrt(7.0 / 3), drift.Wasserstein, 12);
        // A constant reference has no spread to norm by: the raw distance.
        Assert.Equal(2.0, ColumnDrift.Compare("x", [1, 1, 1], [3, 3, 3]).Wasserstein, 12);
    }

    [Fact]
    public void JensenShannonMatchesScipyInBaseTwo()
    {
        // scipy.spatial.distance.jensenshannon([1, 0, 0], [0, 1, 0], 2.0) = 1.0
        Assert.Equal(1.0, DriftStatistics.JensenShannon([1.0, 0.0, 0.0], [0.0, 1.0, 0.0]), 12);
        // jensenshannon([1.0, 0.0], [0.5, 0.5]) = 0.46450140402245893 in natural log; ÷ √ln 2 for base 2.
        Assert.Equal(0.5579230452841438, DriftStatistics.JensenShannon([1.0, 0.0], [0.5, 0.5]), 12);
        Assert.Equal(0.46450140402245893 / Math.Sqrt(Math.Log(2)), DriftStatistics.JensenShannon([1.0, 0.0], [0.5, 0.5]), 12);
    }

    [Fact]
    public void KsStatisticMatchesTheHandComputedLargestCdfGap()
    {
        // F_a − F_b: x=2: 2/4 − 0 = 0.5; x=3: 3/4 − 1/5 = 0.55; x=4: 4/4 − 2/5 = 0.6 (largest); x=4.5: 1 − 3/5 = 0.4.
        var drift = ColumnDrift.Compare("x", [4, 1, 3, 2], [6.5, 2.5, 4.5, 3.5, 5.5]);
        Assert.Equal(0.6, drift.KsStatistic, 12);
        // Asymptotic p-value with Stephens' correction: λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = 4·5/9.
        var sqrtN = Math.Sqrt(20.0 / 9);
        Assert.Equal(DriftStatistics.KolmogorovQ((sqrtN + 0.12 + 0.11 / sqrtN) * 0.6), drift.KsPValue, 12);
        // Ties across the samples: at x = 2 both CDFs jump together; the gap is 2/3 − 1/3 at x = 2 and x = 3 alike.
        Assert.Equal(1.0 / 3, ColumnDrift.Compare("x", [1, 2, 3], [2, 3, 4]).KsStatistic, 12);
    }

    [Fact]
    public void PsiAndJensenShannonUseBinsCutAtTheReferenceMedianForTenValues()
    {
        // 10 values → BinsFor(10, 10) = 2 bins, edge at the reference median 5: reference (0.5, 0.5), current (0.3, 0.7).
        var drift = ColumnDrift.Compare("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 6, 7, 8, 9, 10, 11, 12]);
        Assert.Equal((0.3 - 0.5) * Math.Log(0.3 / 0.5) + (0.7 - 0.5) * Math.Log(0.7 / 0.5), drift.Psi, 12);
        double Half(double p, double q) => p * Math.Log2(p / ((p + q) / 2)) / 2;
        Assert.Equal(Math.Sqrt(Half(0.5, 0.3) + Half(0.3, 0.5) + Half(0.5, 0.7) + Half(0.7, 0.5)), drift.JensenShannon, 12);
        Assert.Equal((10, 10), (drift.ReferenceCount, drift.CurrentCount));
    }

    [Fact]
    public void NonFiniteValuesAreLeftOutAndAnEmptySampleIsRefused()
    {
        var drift = ColumnDrift.Compare("x", [1, double.NaN, 2, 3], [double.PositiveInfinity, 1, 2, 3]);
        Assert.Equal((3, 3), (drift.ReferenceCount, drift.CurrentCount));
        Assert.Equal(0, drift.KsStatistic);
        Assert.Throws<ArgumentException>(() => ColumnDrift.Compare("x", [double.NaN], [1]));
    }
}

public sealed class DatasetDriftTests
{
    [Theory]
    [InlineData(1000, 0.049, 0.0, true)]   // small reference: KS decides …
    [InlineData(1000, 0.05, 5.0, false)]   // … and a large distance alone does not
    [InlineData(1001, 0.0, 0.099, false)]  // large reference: normed Wasserstein decides …
    [InlineData(1001, 1.0, 0.1, true)]     // … and an insignificant KS does not matter
    [InlineData(10, double.NaN, double.NaN, false)]
    [InlineData(5000, double.NaN, double.NaN, false)]
    public void ColumnRuleIsEvidentlysDefault(int referenceCount, double ksP, double wasserstein, bool drifted) =>
        Assert.Equal(drifted, DatasetDrift.IsDrifted(referenceCount, ksP, wasserstein));

    [Fact]
    public void DataSetDriftsWhenHalfItsColumnsDo()
    {
        Assert.Equal((true, 0.5), DatasetDrift.Of([true, false]));
        Assert.Equal((false, 1.0 / 3), DatasetDrift.Of([true, false, false]));
        Assert.Equal((true, 1.0), DatasetDrift.Of([true]));
        Assert.Equal((false, 0.0), DatasetDrift.Of([]));
    }
}

public sealed class DriftSampleTests
{
    [Fact]
    public void NumericColumnsAreComparedAndTextAndDatesAreNot()
    {
        var sample = DriftSample.Parse("a.csv", "date,x,label,y\n2020-01-01,1,up,\n2020-01-02,2.5,down,1e3\n\n2020-01-03,-3,up,4\n");
        Assert.Equal(3, sample.Rows);
        Assert.False(sample.IsPriceSeries);
        Assert.Equal(["x", "y"], sample.Columns.Select(c => c.Name));
        Assert.Equal([1, 2.5, -3], sample.Columns[0].Values);
        Assert.True(double.IsNaN(sample.Columns[1].Values[0]));
        var label = sample.NonNumeric["label"];
        Assert.Equal((2L, "label"), (label.Line, label.Field));
    }

    [Fact]
    public void ARowWithTheWrongFieldCountNamesFileAndLine()
    {
        var error = Assert.Throws<CsvDataException>(() => DriftSample.Parse("a.csv", "x,y\n1,2\n3\n"));
        Assert.Equal((3L, "line"), (error.Line, error.Field));
        Assert.StartsWith("a.csv:3:", error.Message);
        Assert.Throws<CsvDataException>(() => DriftSample.Parse("a.csv", ""));
        Assert.Throws<CsvDataException>(() => DriftSample.Parse("a.csv", "x,X\n1,2\n"));
    }

    [Fact]
    public void AColumnNumericInOneFileAndNotTheOtherIsAnErrorWhereItStopsBeingNumeric()
    {
        var reference = DriftSample.Parse("ref.csv", "x,y\n1,2\n3,4\n");
        var current = DriftSample.Parse("cur.csv", "x,y\n1,2\n3,n/a\n");
        var error = Assert.Throws<CsvDataException>(() => DatasetComparison.Compare(reference, current));
        Assert.Equal(("cur.csv", 3L, "y"), (error.Source_, error.Line, error.Field));
        Assert.Contains("'n/a' is not a number", error.Message);
    }

    [Fact]
    public void APriceSeriesIsComparedOnTheModelInputsDerivedFromItNotOnItsPrices()
    {
        var ohlcv = DriftSample.Parse("ohlcv.csv", Span(SpCsv(), "2005-01-01", "2005-12-31"));
        Assert.True(ohlcv.IsPriceSeries);
        Assert.Equal(Project01.Modeling.Datasets.ModelInputs.Series, ohlcv.Columns.Select(c => c.Name));
        Assert.DoesNotContain(ohlcv.Columns, c => c.Name is "close" or "open" or "volume");

        var closes = DriftSample.Parse("closes.csv", CloseOnly(Span(SpCsv(), "2005-01-01", "2005-12-31")));
        Assert.DoesNotContain(closes.Columns, c => c.Name is "atr14_pct" or "tr_pct");
        Assert.Contains(closes.Notes, n => n.Contains("close only", StringComparison.Ordinal));
        // Close-based inputs do not depend on high, low or volume.
        Assert.Equal(ohlcv.Columns.Single(c => c.Name == "rv20").Values, closes.Columns.Single(c => c.Name == "rv20").Values);
        var logret = closes.Columns.Single(c => c.Name == "logret").Values;
        Assert.True(double.IsNaN(logret[0]));
        Assert.Equal(Math.Log(1188.050049 / 1202.079956), logret[1], 12); // 2005-01-04 over 2005-01-03
    }

    [Fact]
    public void ABadCloseNamesFileLineAndField()
    {
        var error = Assert.Throws<CsvDataException>(() => DriftSample.Parse("p.csv", "date,close\n2020-01-02,10\n2020-01-03,ten\n"));
        Assert.Equal(("p.csv", 3L, "close"), (error.Source_, error.Line, error.Field));
        error = Assert.Throws<CsvDataException>(() => DriftSample.Parse("p.csv", "date,close\n2020-01-03,10\n2020-01-02,11\n"));
        Assert.Equal((3L, "date"), (error.Line, error.Field));
    }

    [Theory]
    [InlineData("2004-01-01", "2006-12-31")]
    [InlineData("2012-01-01", "2014-12-31")]
    public void InterleavedWeeksOfACalmPeriodAreNotDrifted(string from, string to)
    {
        // The inputs are derived once from the whole series (with 200 bars of warm-up before the span), then alternate
        // weeks go to each side. Deriving them from two files of alternate months instead would put a month-long gap into
        // every 20-bar window; and alternate months of one series are not two samples of one distribution for the
        // KS test anyway: rolling features (rv20, mom60, dist_sma20) persist for weeks, so months differ by more than
        // independent draws would.
        var lines = SpCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = Array.FindIndex(lines, l => string.CompareOrdinal(l, from) >= 0 && char.IsDigit(l[0]));
        var withWarmUp = string.Join('\n', [lines[0], .. lines.Skip(first - 200).Where(l => string.CompareOrdinal(l[..10], to) <= 0)]);
        var full = DriftSample.Parse("sp500.csv", withWarmUp);
        var dates = withWarmUp.Split('\n').Skip(1).Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var monday = new DateOnly(2000, 1, 3);
        var halves = new[] { new StringBuilder(), new StringBuilder() };
        foreach (var half in halves) half.AppendLine("date," + string.Join(',', full.Columns.Select(c => c.Name)));
        for (var i = 200; i < dates.Length; i++)
            halves[(dates[i].DayNumber - monday.DayNumber) / 7 % 2].AppendLine(dates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "," +
                string.Join(',', full.Columns.Select(c => c.Values[i].ToString("R", CultureInfo.InvariantCulture))));

        var comparison = DatasetComparison.Compare(DriftSample.Parse("even-weeks.csv", halves[0].ToString()), DriftSample.Parse("odd-weeks.csv", halves[1].ToString()));

        Assert.False(comparison.Drifted, Describe(comparison));
        Assert.Equal(full.Columns.Count, comparison.Columns.Count);
        Assert.True(comparison.DriftedShare <= 0.2, Describe(comparison)); // KS at 5 %: about one column in twenty by chance
        Assert.All(comparison.Columns, c => Assert.True(c.ReferenceCount is > 300 and <= 1000, $"{c.Column}: {c.ReferenceCount} values"));
    }

    [Theory]
    [InlineData("2005-01-01", "2005-12-31", "2008-10-01", "2009-03-31")] // a calm year against the crash
    [InlineData("2007-01-01", "2007-12-31", "2008-01-01", "2009-12-31")]
    public void ARegimeChangeIsDataSetDriftWithReturnsAndVolatilityDrifted(string referenceFrom, string referenceTo, string currentFrom, string currentTo)
    {
        var csv = SpCsv();
        var comparison = DatasetComparison.Compare(DriftSample.Parse("reference.csv", Span(csv, referenceFrom, referenceTo)),
            DriftSample.Parse("current.csv", Span(csv, currentFrom, currentTo)));

        Assert.True(comparison.Drifted, Describe(comparison));
        Assert.True(comparison.DriftedShare >= 0.9, Describe(comparison));
        foreach (var column in new[] { "logret", "logret5", "rv20", "rvol5", "rvol22", "sd20_pct", "atr14_pct" })
            Assert.True(comparison.Columns.Single(c => c.Column == column).Drifted, $"{column}: {Describe(comparison)}");
    }

    private static string SpCsv() => File.ReadAllText(TestPaths.BundledData("sp500-daily-2000-2020.csv")).Replace("\r", "", StringComparison.Ordinal);

    private static string Span(string csv, string from, string to)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', [lines[0], .. lines.Skip(1).Where(l => string.CompareOrdinal(l[..10], from) >= 0 && string.CompareOrdinal(l[..10], to) <= 0)]);
    }

    private static string CloseOnly(string csv) =>
        string.Join('\n', csv.Split('\n').Select(l => l.Split(',')).Select(f => $"{f[0]},{f[4]}"));

    private static string Describe(DatasetComparison comparison) =>
        $"share {comparison.DriftedShare:F2}: " + string.Join("; ", comparison.Columns.Select(c =>
            $"{c.Column} psi={c.Psi:F3} ks={c.KsStatistic:F3} p={c.KsPValue:G3} w={c.Wasserstein:F3}{(c.Drifted ? " DRIFTED" : "")}"));
}
