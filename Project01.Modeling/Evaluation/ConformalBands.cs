using Project01.Core.Forecasting;

namespace Project01.Modeling.Evaluation;

/// <summary>A model's own band around one forecast, with the outcome.</summary>
public readonly record struct BandForecast(DateTime FeatureTime, DateTime TargetTime, double Lower, double Upper, double Actual);

/// <summary>How calibrated bands did: coverage and mean width on the test span, and the margin a forecast made now
/// would get (what serving applies).</summary>
public sealed record BandCoverage(double Level, int Count, double Coverage, double MeanWidth, double CurrentMargin);

/// <summary>
/// Conformalized quantile regression (Romano, Patterson and Candès 2019) on a moving window: a model's own 10–90 %
/// band [l, u] is widened by q, the ⌈(n + 1)·level⌉-th smallest score max(l − y, y − u) among the last
/// <c>window</c> forecasts whose outcomes were known by t. The band keeps the model's shape (wide where it expects a
/// storm) and the margin repairs its calibration. For a target modelled in logs (vol5) scores and margins are in log
/// units, so the band widens multiplicatively and never goes below zero.
/// </summary>
public static class ConformalBands
{
    public static double Score(BandForecast f, bool logScale) => logScale
        ? Math.Max(Math.Log(f.Lower) - Math.Log(f.Actual), Math.Log(f.Actual) - Math.Log(f.Upper))
        : Math.Max(f.Lower - f.Actual, f.Actual - f.Upper);

    public static BandCoverage Evaluate(IReadOnlyList<BandForecast> calibration, IReadOnlyList<BandForecast> test, double level, bool logScale,
        int window = ConformalIntervals.DefaultWindow)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "a level is in (0, 1)");
        var scores = calibration.Concat(test).Select(f => (f.TargetTime, Score(f, logScale))).ToList();
        var q = ConformalIntervals.MovingQuantiles(scores, [.. test.Select(f => f.FeatureTime)], level, window);
        int count = 0, inside = 0;
        double width = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var f = test[i];
            if (!double.IsFinite(q[i]) || !double.IsFinite(f.Actual)) continue;
            var (lo, hi) = ModelBand.Widen(f.Lower, f.Upper, q[i], logScale);
            count++;
            width += hi - lo;
            if (f.Actual >= lo && f.Actual <= hi) inside++;
        }
        var current = ConformalIntervals.Quantile(scores.Where(s => double.IsFinite(s.Item2)).OrderBy(s => s.TargetTime).TakeLast(window).Select(s => s.Item2), level);
        return new BandCoverage(level, count, count == 0 ? double.NaN : (double)inside / count, count == 0 ? double.NaN : width / count, current);
    }
}
