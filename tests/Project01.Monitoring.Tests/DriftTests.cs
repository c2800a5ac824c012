using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Monitoring.Drift;
using Project01.Monitoring.Performance;

namespace Project01.Monitoring.Tests;

public sealed class DriftStatisticsTests
{
    [Fact]
    public void KsStatisticIsTheLargestGapBetweenTheEmpiricalCdfs()
    {
        // F_a − F_b at x = 5: 5/5 − 3/6 = 0.5, the largest gap.
        var (d, p) = DriftStatistics.KolmogorovSmirnov([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]);
        Assert.Equal(0.5, d, 12);
        Assert.InRange(p, 0, 1);
        Assert.Equal(0, DriftStatistics.KolmogorovSmirnov([1, 2, 3], [1, 2, 3]).Statistic);
        Assert.Equal(1, DriftStatistics.KolmogorovSmirnov([1, 2], [3, 4]).Statistic);
    }

    [Fact]
    public void KolmogorovTailMatchesPublishedValues()
    {
        // P(K > 1) = 0.26999967; the 5% critical value of K is 1.3581.
        Assert.Equal(0.26999967, DriftStatistics.KolmogorovQ(1.0), 6);
        Assert.Equal(0.05, DriftStatistics.KolmogorovQ(1.3581), 3);
        Assert.Equal(1, DriftStatistics.KolmogorovQ(0));
    }

    [Fact]
    public void WassersteinIsTheShiftBetweenTranslatedSamples()
    {
        Assert.Equal(5, DriftStatistics.Wasserstein1([0, 1, 3], [5, 6, 8]), 12);
        Assert.Equal(0, DriftStatistics.Wasserstein1([0, 1, 3], [0, 1, 3]), 12);
        // Half the mass moves by 1: 0.5.
        Assert.Equal(0.5, DriftStatistics.Wasserstein1([0, 1], [0, 2]), 12);
        Assert.Equal(1.0, DriftStatistics.Wasserstein1([0, 0, 1, 1], [1, 1, 2, 2]), 12);
    }

    [Fact]
    public void PsiAndJensenShannonMatchHandComputedValues()
    {
        // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5)
        Assert.Equal(0.25 * Math.Log(2) + 0.25 * Math.Log(1.5), DriftStatistics.Psi([0.5, 0.5], [0.25, 0.75]), 12);
        Assert.Equal(0, DriftStatistics.Psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]), 15);
        // An empty bin is floored, so PSI stays finite.
        Assert.True(double.IsFinite(DriftStatistics.Psi([0.5, 0.5], [1, 0])));
        Assert.Equal(0, DriftStatistics.JensenShannon([0.2, 0.8], [0.2, 0.8]), 15);
        Assert.Equal(1, DriftStatistics.JensenShannon([1, 0], [0, 1]), 12);
    }

    [Fact]
    public void QuantileBinsSplitTheReferenceEvenlyAndMergeTies()
    {
        var reference = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var edges = DriftStatistics.QuantileEdges(reference, 10);
        Assert.Equal(9, edges.Length);
        Assert.Equal(10, edges[0]); // observed values: the 10th of 100
        Assert.Equal(90, edges[^1]);
        Assert.All(DriftStatistics.BinShares(reference, edges), share => Assert.Equal(0.1, share, 12));
        // A two-valued feature gets its two values as edges, not eight empty bins or an edge between them.
        Assert.Equal([0, 1], DriftStatistics.QuantileEdges([0, 0, 0, 0, 1, 1, 1, 1], 10));
        // A value on an edge belongs to the bin the edge closes.
        Assert.Equal([0.5, 0.5], DriftStatistics.BinShares([1, 2], [1]));
    }
}

public sealed class FeatureDriftAnalyzerTests
{
    private static readonly string[] Names = ["a", "b"];

    /// <summary>Reference: 2019, a ~ N(0,1), b ~ N(5,1). Current: Jan 2020 like the reference; Feb 2020 a shifted by 2 sd;
    /// Mar 2020 b stuck at one value.</summary>
    private static List<FeatureObservation> Rows()
    {
        var random = new Random(3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new List<FeatureObservation>();
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var day = start; day < new DateTime(2020, 4, 1, 0, 0, 0, DateTimeKind.Utc); day = day.AddDays(1))
            for (var s = 0; s < 3; s++)
            {
                var a = Normal() + (day.Year == 2020 && day.Month == 2 ? 2 : 0);
                var b = day.Year == 2020 && day.Month == 3 ? 5.0 : 5 + Normal();
                rows.Add(new FeatureObservation($"S{s}", day, [a, b]));
            }
        return rows;
    }

    private static readonly DriftThresholds Monthly = new(WindowMonths: 1);

    [Fact]
    public void ShiftedMonthIsAnAlertAndUnchangedMonthIsNot()
    {
        var analysis = FeatureDriftAnalyzer.Analyze(Rows(), Names, ["a"], new DateTime(2019, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2019, 12, 31, 0, 0, 0, DateTimeKind.Utc), Monthly);
        var a = Assert.Single(analysis.Features);
        Assert.Equal(3, a.Windows.Count);
        var (jan, feb, mar) = (a.Windows[0], a.Windows[1], a.Windows[2]);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), jan.Start);
        Assert.Equal(new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc), jan.End);
        Assert.Equal(DriftLevel.Ok, jan.Level);
        // The bar is what 2019's own months reached (above Evidently's 0.1 floor, at n = 93); January stays under it.
        Assert.True(jan.WassersteinSd < jan.AlertLevel && jan.AlertLevel > 0.1, $"January W {jan.WassersteinSd}, alert level {jan.AlertLevel}");
        Assert.True(jan.KsPValue > 0.01, $"January KS p {jan.KsPValue}");
        Assert.Equal(DriftLevel.Alert, feb.Level);
        Assert.True(feb.Psi > 1, $"February PSI {feb.Psi}");
        Assert.InRange(feb.WassersteinSd, 1.6, 2.4); // shifted by 2 sd
        Assert.True(feb.KsPValue < 1e-6);
        Assert.Equal(DriftLevel.Ok, a.Level); // the latest month (March) is back to normal
        Assert.Equal(3 * 365, a.ReferenceCount);
    }

    [Fact]
    public void SymbolsNoLongerServedAreLeftOutOfTheReference()
    {
        // OLD traded only in 2019, at a very different level: pooling it in would make January 2020 look drifted.
        var rows = Rows();
        for (var day = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc); day.Year == 2019; day = day.AddDays(1))
            rows.Add(new FeatureObservation("OLD", day, [10 + day.DayOfYear % 7, 5]));
        var end2019 = new DateTime(2019, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var analysis = FeatureDriftAnalyzer.Analyze(rows, Names, ["a"], end2019, end2019, Monthly);
        Assert.Equal(3, analysis.Symbols);
        Assert.Equal(DriftLevel.Ok, analysis.Features[0].Windows[0].Level);
        Assert.Equal(3 * 365, analysis.Features[0].ReferenceCount);
        var stale = Assert.Single(analysis.Quality, q => q.Kind == "stale");
        Assert.Equal("OLD", stale.Subject);
    }

    [Fact]
    public void StuckFeatureStaleSymbolAndMissingValuesAreQualityIssues()
    {
        var rows = Rows();
        // S2 stops at the end of January; S1's b goes missing in March.
        rows.RemoveAll(r => r.Symbol == "S2" && r.EventTime >= new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        rows = [.. rows.Select(r => r.Symbol == "S1" && r.EventTime.Month == 3 && r.EventTime.Year == 2020 ? r with { Values = [r.Values[0], double.NaN] } : r)];
        var end2019 = new DateTime(2019, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var analysis = FeatureDriftAnalyzer.Analyze(rows, Names, ["a", "b"], end2019, end2019, Monthly);
        Assert.Contains(analysis.Quality, q => q is { Kind: "stuck", Subject: "b", Severity: DriftLevel.Alert });
        Assert.Contains(analysis.Quality, q => q is { Kind: "stale", Subject: "S2" });
        Assert.Contains(analysis.Quality, q => q is { Kind: "missing", Subject: "b" });
        Assert.DoesNotContain(analysis.Quality, q => q.Subject == "a" && q.Kind != "out_of_range");
        // March's b: 31 stuck values from S0 (S1 missing, S2 gone): a judged window, PSI far past the alert level.
        var b = analysis.Features.Single(f => f.Feature == "b");
        Assert.Equal(DriftLevel.Alert, b.Level);
        Assert.Equal(0.5, b.Windows[^1].MissingRate, 12);
    }

    [Fact]
    public void UnknownFeatureAndEmptyReferenceAreClearErrors()
    {
        var rows = Rows();
        var e = Assert.Throws<ArgumentException>(() => FeatureDriftAnalyzer.Analyze(rows, Names, ["c"], DateTime.UnixEpoch, DateTime.UnixEpoch));
        Assert.Contains("'c'", e.Message);
        Assert.Throws<InvalidOperationException>(() => FeatureDriftAnalyzer.Analyze(rows, Names, ["a"], new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.UnixEpoch));
    }
}

public sealed class MonthlyPerformanceTests
{
    [Fact]
    public void EachMonthIsMeasuredOnItsOwnOutcomes()
    {
        DateTime D(int m, int d) => new(2020, m, d, 0, 0, 0, DateTimeKind.Utc);
        var months = MonthlyPerformance.Compute(
        [
            (D(1, 2), 0.01, 0.02), (D(1, 3), -0.01, -0.03), (D(1, 6), 0.02, 0.04), // January: perfectly ordered, every sign right
            (D(2, 3), 0.01, -0.02), (D(2, 4), -0.01, 0.01), (D(2, 5), 0.02, -0.01), // February: every sign wrong
            (D(3, 2), 0.01, double.NaN),                                          // no outcome: left out
        ]);
        Assert.Equal(2, months.Count);
        var (jan, feb) = (months[0], months[1]);
        Assert.Equal((new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), 3), (jan.Month, jan.Count));
        Assert.Equal(1, jan.HitRate);
        Assert.Equal(1, jan.RankIc, 12);
        Assert.True(jan.Ic > 0.9);
        Assert.Equal(0, feb.HitRate);
        Assert.True(feb.Ic < 0);
        // RMSE of forecasting no change: sqrt(mean(actual²)).
        Assert.Equal(Math.Sqrt((0.02 * 0.02 + 0.03 * 0.03 + 0.04 * 0.04) / 3), jan.NaiveRmse, 12);
        Assert.Equal(Math.Sqrt((0.01 * 0.01 + 0.02 * 0.02 + 0.02 * 0.02) / 3), jan.Rmse, 12);
    }
}
