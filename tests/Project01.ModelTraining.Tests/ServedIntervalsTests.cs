using System.Globalization;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Training;
using Project01.ModelTraining.Intervals;
using Project01.Monitoring.Performance;

namespace Project01.ModelTraining.Tests;

/// <summary>The intervals a version records, on a ret1 LightGBM trained on the bundled S&amp;P 500 as the job trains it.</summary>
public sealed class ServedIntervalsTests(ITestOutputHelper output)
{
    private static readonly Lazy<TrainedForecaster> Ret1 = new(() =>
    {
        var bars = BundledData.Sp500Bars();
        var values = PriceFeatureEngine.ComputeBatch(bars.ToArray());
        var n = PriceFeatures.Count;
        var history = bars.Select((b, i) => new FeatureObservation(b.Symbol, b.Time, values.AsSpan(i * n, n).ToArray())).ToList();
        return ForecasterTraining.TrainLightGbm(DatasetBuilder.Build(history, PriceFeatures.Names, ForecastTarget.Ret1, ForecastTrainingJob.Inputs(ForecastTarget.Ret1)));
    });

    private static bool Inside(StoredPrediction p, PredictionBounds? b) => b is { } x && p.Actual >= x.Lower && p.Actual <= x.Upper;

    [Fact]
    public void StoredBoundsReproduceTheRecordedConformalCoverageAtBothLevels()
    {
        var trained = Ret1.Value;
        var stored = ServedIntervals.TestPredictions(trained);
        Assert.Equal(trained.Predictions.Count, stored.Count);
        var with80 = stored.Where(p => p.Interval80 is not null).ToList();
        var with90 = stored.Where(p => p.Interval90 is not null).ToList();
        Assert.True(with80.Count > stored.Count * 0.9, $"only {with80.Count} of {stored.Count} test forecasts have an 80 % interval");
        // Exactly the (adaptive) intervals the recorded metrics were measured on.
        Assert.Equal(trained.Metrics["test_aci80_coverage"], (double)with80.Count(p => Inside(p, p.Interval80)) / with80.Count, 12);
        Assert.Equal(trained.Metrics["test_aci90_coverage"], (double)with90.Count(p => Inside(p, p.Interval90)) / with90.Count, 12);
        Assert.All(with90, p =>
        {
            Assert.True(p.Interval90!.Value.Lower <= p.Interval80!.Value.Lower && p.Interval80.Value.Upper <= p.Interval90.Value.Upper, $"{p.FeatureTime:u}: 90 % inside 80 %");
            Assert.Equal(p.Predicted, (p.Interval80.Value.Lower + p.Interval80.Value.Upper) / 2, 12);
        });
    }

    [Fact]
    public void TheNinetyPercentIntervalIsRecordedWiderThanTheServedEightyInScaleUnits()
    {
        var trained = Ret1.Value;
        var q80 = ServedIntervals.Quantile(trained, ServedIntervals.Served);
        var parameters = ServedIntervals.WideParameters(trained).ToDictionary();
        var upper = double.Parse(parameters[ServedIntervals.Wide90Upper], CultureInfo.InvariantCulture);
        Assert.Equal(-upper, double.Parse(parameters[ServedIntervals.Wide90Lower], CultureInfo.InvariantCulture));
        Assert.True(upper > q80, $"q90 {upper} not above q80 {q80}");
        Assert.Equal(ServedIntervals.Quantile(trained, ServedIntervals.Wide), upper);
        Assert.Equal("aci", parameters[ServedIntervals.Method]);
        // The adapted level is near nominal after a test span ACI kept on target, and never the other level's.
        var adapted80 = double.Parse(parameters[ServedIntervals.AdaptedLevel], CultureInfo.InvariantCulture);
        var adapted90 = double.Parse(parameters[ServedIntervals.AdaptedLevel90], CultureInfo.InvariantCulture);
        Assert.InRange(adapted80, 0.7, 0.9);
        Assert.InRange(adapted90, 0.8, 0.99);
        Assert.True(adapted90 > adapted80);
    }

    [Fact]
    public void AServedQuantileIsTheOneTheAdaptedLevelGivesOnTheLatestScores()
    {
        var trained = Ret1.Value;
        var (q, level) = ConformalIntervals.CurrentAdaptiveQuantile(trained.Calibration, trained.ScaledTest, ServedIntervals.Served)!.Value;
        var latest = trained.Calibration.Concat(trained.ScaledTest).OrderBy(f => f.TargetTime)
            .Select(f => Math.Abs(f.Actual - f.Predicted) / f.Scale).Where(double.IsFinite).TakeLast(ConformalIntervals.DefaultWindow).ToList();
        Assert.Equal(Math.Min(ConformalIntervals.Quantile(latest, level), latest.Max()), q, 12);
        Assert.Equal(q, ServedIntervals.Quantile(trained, ServedIntervals.Served));
    }

    [Fact]
    public void RealisedCoverageByMonthAddsUpToTheTestSpan()
    {
        var stored = ServedIntervals.TestPredictions(Ret1.Value);
        foreach (var (level, pick) in new (double, Func<StoredPrediction, PredictionBounds?>)[] { (0.8, p => p.Interval80), (0.9, p => p.Interval90) })
        {
            var outcomes = stored.Where(p => pick(p) is not null && p.Actual is not null)
                .Select(p => (p.TargetTime, p.Actual!.Value, pick(p)!.Value.Lower, pick(p)!.Value.Upper)).ToList();
            var months = MonthlyCoverage.Compute(outcomes);
            Assert.Equal(outcomes.Count, months.Sum(m => m.Count));
            Assert.Equal(outcomes.Count(o => o.Value >= o.Lower && o.Value <= o.Upper), months.Sum(m => m.Inside));
            // The measurement issue 17 asks for (printed, not asserted: a month of ~21 outcomes moves in steps of ~5 points).
            output.WriteLine($"{level:P0}: {months.Count} months {months[0].Month:yyyy-MM}…{months[^1].Month:yyyy-MM}, overall {(double)months.Sum(m => m.Inside) / outcomes.Count:P1}, " +
                $"monthly {months.Min(m => m.Coverage):P1}…{months.Max(m => m.Coverage):P1}, {months.Count(m => m.Holds(level))} within ±2 points");
            output.WriteLine($"  outside ±2 points in 2020: {string.Join(", ", months.Where(m => m.Month.Year == 2020 && !m.Holds(level)).Select(m => $"{m.Month:yyyy-MM} {m.Coverage:P0} (n={m.Count})"))}");
            foreach (var year in months.GroupBy(m => m.Month.Year))
                output.WriteLine($"  {year.Key}: {(double)year.Sum(m => m.Inside) / year.Sum(m => m.Count):P1} of {year.Sum(m => m.Count)}");
        }
    }
}
