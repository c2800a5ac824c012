using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Monitoring.Drift;

namespace Project01.Monitoring.Tests;

/// <summary>The platform's drift report on the bundled S&P 500 history: quarters, inputs actually used, effective sample
/// sizes — so a quiet quarter is quiet and a crisis is an alert.</summary>
public sealed class PlatformDriftTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<FeatureObservation>> Spx = new(() =>
    {
        var bars = BundledData.Sp500Bars();
        var values = PriceFeatureEngine.ComputeBatch(bars.ToArray());
        var n = PriceFeatures.Count;
        var rows = bars.Select((b, i) => new FeatureObservation(b.Symbol, b.Time, values.AsSpan(i * n, n).ToArray())).ToList();
        return DriftMonitor.InputRows(rows, PriceFeatures.Names, [.. ModelInputs.Default, .. ModelInputs.Har]);
    });

    private static readonly IReadOnlyList<string> Inputs = [.. ModelInputs.Default, .. ModelInputs.Har];

    private static DateTime D(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    private DriftAnalysis Analyze(DateTime referenceEnd, DateTime currentStart)
    {
        var analysis = FeatureDriftAnalyzer.Analyze(Spx.Value, Inputs, Inputs, referenceEnd, currentStart);
        foreach (var w in analysis.Dataset)
            output.WriteLine($"{w.Start:yyyy-MM}: {w.Drifted}/{w.Judged} inputs in alert{(w.DatasetDrift ? " — dataset drift" : "")}");
        return analysis;
    }

    [Fact]
    public void CalmQuartersAfterTrainingAreNotDatasetDrift()
    {
        // Trained to 2013, validated to 2016; 2017 was one of the calmest years on record, 2019 an ordinary one.
        var analysis = Analyze(D(2013, 12, 31), D(2016, 12, 31));
        var quiet = analysis.Dataset.Where(w => w.Start.Year is 2017 or 2019).ToList();
        Assert.Equal(8, quiet.Count);
        Assert.All(quiet, w => Assert.False(w.DatasetDrift, $"{w.Start:yyyy-MM}: {w.Drifted} of {w.Judged}"));
    }

    [Fact]
    public void TheCovidCrashIsAWarningWhenTheTrainingSpanHeldAWorseCrisis()
    {
        // Q1 2020 is beyond nine in ten of the 2000–2013 quarters on most inputs, but not beyond 2008's last quarter:
        // the model was trained on a worse storm, so it is a warning to watch, not dataset drift.
        var analysis = Analyze(D(2013, 12, 31), D(2016, 12, 31));
        var crash = analysis.Features.Select(f => f.Windows.Single(w => w.Start == D(2020, 1, 1))).ToList();
        Assert.True(crash.Count(w => w.Level == DriftLevel.Warning) > crash.Count / 2, string.Join(", ", crash.Select(w => w.Level)));
        Assert.False(analysis.Dataset.Single(w => w.Start == D(2020, 1, 1)).DatasetDrift);
    }

    [Fact]
    public void ACrisisAfterACalmReferenceIsDatasetDrift()
    {
        // Reference 2000–2006 (the dot-com bust, then calm), current from 2007: the quarter of Lehman's failure stands out,
        // and so does every input the volatility models read.
        var analysis = Analyze(D(2006, 12, 31), D(2006, 12, 31));
        var lehman = analysis.Dataset.Single(w => w.Start == D(2008, 10, 1));
        Assert.True(lehman.DatasetDrift, $"{lehman.Drifted} of {lehman.Judged}");
        Assert.All(["rv20", "rvol5", "rvol22", "atr14_pct"], f => Assert.Equal(DriftLevel.Alert, analysis.Features.Single(x => x.Feature == f).Windows.Single(w => w.Start == D(2008, 10, 1)).Level));
    }
}
