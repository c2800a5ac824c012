using Project01.Core.Data;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Monitoring.Drift;
using Project01.Tests;

namespace Project01.Monitoring.Tests;

public sealed class SplitQualityTests
{
    [Fact]
    public void AnUnadjustedSplitInTheJudgedSpanIsAWarningNamingSymbolAndDay()
    {
        var start = new DateTime(2020, 8, 3, 0, 0, 0, DateTimeKind.Utc);
        // AAPL's raw closes around its 4:1 split, plus an index that only wobbles.
        double[] aapl = [435.75, 438.66, 440.25, 455.61, 444.45, 450.91, 437.50, 452.04, 460.04, 459.63, 458.43, 462.25, 462.83, 473.10, 497.48, 503.43, 499.30, 506.09, 500.04, 499.23, 129.04, 134.18];
        var rows = aapl.Select((c, i) => new FeatureObservation("AAPL", start.AddDays(i), [c, 0.01]))
            .Concat(aapl.Select((_, i) => new FeatureObservation("SPX", start.AddDays(i), [3300 + 10 * Math.Sin(i), 0.01]))).ToList();

        var issue = Assert.Single(SplitQuality.Check(rows, closeColumn: 0, from: start));
        Assert.Equal((SplitQuality.Kind, "AAPL", DriftLevel.Warning), (issue.Kind, issue.Subject, issue.Severity));
        Assert.Contains("4:1", issue.Detail);
        Assert.Contains("2020-08-23", issue.Detail); // the 21st row of the synthetic calendar
        Assert.Empty(SplitQuality.Check(rows, 0, from: start.AddDays(20))); // the judged span starts after the jump
    }

    [Fact]
    public void InTheBundledAdjustedPricesOnlyARealCrashLooksLikeOne()
    {
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        var dow = new MarketCsvReader(BundledData.DowJones30Daily, "").ReadStrict(reader)
            .Concat(BundledData.Sp500Bars()).Select(b => new FeatureObservation(b.Symbol, b.Time, [b.Close])).ToList();
        // P&G's 31 % fall on a profit warning (2000-03-07) is 4 % from a 3:2 split: on closes alone the two look alike.
        var issue = Assert.Single(SplitQuality.Check(dow, 0, DateTime.MinValue));
        Assert.Equal("PG", issue.Subject);
        Assert.StartsWith("PG 2000-03-07: close 85.55 → 59.68 looks like a 3:2 split", issue.Detail);
    }
}
