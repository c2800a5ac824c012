using Project01.Core.Forecasting;

namespace Project01.Modeling.Evaluation;

/// <summary>One forecast to put an interval around: when it was made, when its outcome is known, the point forecast,
/// the outcome, and a scale the error is measured in (the volatility expected for it).</summary>
public readonly record struct ScaledForecast(DateTime FeatureTime, DateTime TargetTime, double Predicted, double Actual, double Scale);

/// <summary>How a level's intervals did on the forecasts they were put around.</summary>
public sealed record IntervalCoverage(double Level, int Count, double Coverage, double MeanWidth);

/// <summary>
/// Split-conformal intervals normalised by a scale, on a calibration window that moves forward in time: a forecast made
/// at t gets ŷ ± q·σ, q the ⌈(n + 1)·level⌉-th smallest score |y − ŷ| / σ among the last <c>window</c> forecasts whose
/// outcomes were known by t (so no outcome from its own future). The scale makes the interval wide in a storm and narrow
/// in a calm; the moving window keeps q current. Coverage holds (up to the window's exchangeability) whatever the model.
/// </summary>
public static class ConformalIntervals
{
    public const int DefaultWindow = 500;

    /// <summary>Each example's forecast with its scale (<see cref="ForecastScale"/>; rv20 read from its features when the
    /// target needs it).</summary>
    public static List<ScaledForecast> Scaled(ForecastTarget target, IReadOnlyList<string> inputs, IReadOnlyList<Datasets.Example> examples,
        IReadOnlyList<double> predicted)
    {
        var kind = ForecastScale.For(target);
        var rv = ForecastScale.Rv20Index(inputs);
        if (kind == ForecastScale.OfRv20 && rv < 0) throw new ArgumentException("a ret1 interval is scaled by rv20, which is not among the model's inputs");
        return [.. examples.Select((e, i) => new ScaledForecast(e.FeatureTime, e.TargetTime, predicted[i], e.Label,
            ForecastScale.Of(kind, predicted[i], rv >= 0 ? e.Features[rv] : double.NaN)))];
    }

    /// <summary>The score quantile a forecast made now would use: over the last <paramref name="window"/> known scores.</summary>
    public static double CurrentQuantile(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test, double level, int window = DefaultWindow) =>
        Quantile(calibration.Concat(test).OrderBy(f => f.TargetTime).Select(f => Math.Abs(f.Actual - f.Predicted) / f.Scale)
            .Where(double.IsFinite).TakeLast(window), level);

    /// <summary>
    /// Intervals for each of <paramref name="test"/> at <paramref name="level"/>, calibrated on
    /// <paramref name="calibration"/> (forecasts made before the test span) and on test outcomes as they become known.
    /// Returns NaN bounds while fewer than ⌈1/(1 − level)⌉ scores are known (no finite quantile exists yet).
    /// </summary>
    public static (double Lower, double Upper)[] Intervals(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test,
        double level, int window = DefaultWindow)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "a level is in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var q = MovingQuantiles(calibration.Concat(test).Select(f => (f.TargetTime, Math.Abs(f.Actual - f.Predicted) / f.Scale)),
            [.. test.Select(f => f.FeatureTime)], level, window);
        return [.. test.Select((f, i) => (f.Predicted - q[i] * f.Scale, f.Predicted + q[i] * f.Scale))];
    }

    /// <summary>
    /// For a forecast made at each of <paramref name="madeAt"/>, the score quantile at <paramref name="level"/> over the
    /// last <paramref name="window"/> finite scores whose outcomes were known by then (<c>KnownAt</c> ≤ the time it was
    /// made; ties in the order given). Infinite while too few scores are known.
    /// </summary>
    internal static double[] MovingQuantiles(IEnumerable<(DateTime KnownAt, double Score)> scores, IReadOnlyList<DateTime> madeAt, double level, int window)
    {
        // OrderBy is stable: scores known at the same time keep their order.
        var known = scores.Where(s => double.IsFinite(s.Score)).OrderBy(s => s.KnownAt).ToList();
        var result = new double[madeAt.Count];
        var recent = new Queue<double>();
        var next = 0;
        foreach (var i in Enumerable.Range(0, madeAt.Count).OrderBy(i => madeAt[i]))
        {
            while (next < known.Count && known[next].KnownAt <= madeAt[i])
            {
                recent.Enqueue(known[next++].Score);
                if (recent.Count > window) recent.Dequeue();
            }
            result[i] = Quantile(recent, level);
        }
        return result;
    }

    /// <summary>The step of <see cref="AdaptiveIntervals"/>' miscoverage level per outcome (Gibbs and Candès used 0.005).</summary>
    public const double DefaultGamma = 0.005;

    /// <summary>
    /// Adaptive conformal inference (Gibbs and Candès 2021): as <see cref="Intervals"/>, but the level each forecast uses
    /// moves with the outcomes known by then, α ← α + γ·(1 − level − miss), a miss widening the next intervals and a hit
    /// narrowing them, so coverage over time holds at the nominal level even when the errors' distribution shifts (a
    /// crash after a calm), where the moving window alone lags. The quantile is capped at the largest known score, so an
    /// interval never becomes infinite.
    /// </summary>
    public static (double Lower, double Upper)[] AdaptiveIntervals(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test,
        double level, int window = DefaultWindow, double gamma = DefaultGamma) =>
        Adapt(calibration, test, level, window, gamma).Intervals;

    /// <summary>
    /// What a forecast made after every test outcome is known would use under <see cref="AdaptiveIntervals"/>: the
    /// adapted level 1 − α (every test outcome counted) and its score quantile over the last <paramref name="window"/>
    /// scores, capped at their largest. Null when no score is known.
    /// </summary>
    public static (double Quantile, double Level)? CurrentAdaptiveQuantile(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test,
        double level, int window = DefaultWindow, double gamma = DefaultGamma)
    {
        var alpha = Adapt(calibration, test, level, window, gamma).FinalAlpha;
        var recent = calibration.Concat(test).OrderBy(f => f.TargetTime).Select(f => Math.Abs(f.Actual - f.Predicted) / f.Scale)
            .Where(double.IsFinite).TakeLast(window).ToList();
        if (recent.Count == 0) return null;
        var q = alpha >= 1 ? 0 : Math.Min(Quantile(recent, Math.Max(1 - alpha, 0)), recent.Max());
        return (q, Math.Clamp(1 - alpha, 0, 1));
    }

    private static ((double Lower, double Upper)[] Intervals, double FinalAlpha) Adapt(IReadOnlyList<ScaledForecast> calibration,
        IReadOnlyList<ScaledForecast> test, double level, int window, double gamma)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "a level is in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gamma);
        var scores = calibration.Concat(test).Select(f => (KnownAt: f.TargetTime, Score: Math.Abs(f.Actual - f.Predicted) / f.Scale))
            .Where(s => double.IsFinite(s.Score)).OrderBy(s => s.KnownAt).ToList();
        var byOutcome = Enumerable.Range(0, test.Count).OrderBy(i => test[i].TargetTime).ToList();
        var result = new (double Lower, double Upper)[test.Count];
        var made = new bool[test.Count];
        var recent = new Queue<double>();
        double alpha = 1 - level;
        int nextScore = 0, nextOutcome = 0;
        foreach (var i in Enumerable.Range(0, test.Count).OrderBy(i => test[i].FeatureTime))
        {
            var now = test[i].FeatureTime;
            while (nextScore < scores.Count && scores[nextScore].KnownAt <= now)
            {
                recent.Enqueue(scores[nextScore++].Score);
                if (recent.Count > window) recent.Dequeue();
            }
            while (nextOutcome < byOutcome.Count && test[byOutcome[nextOutcome]].TargetTime <= now)
                alpha = Step(alpha, byOutcome[nextOutcome++]);
            var q = recent.Count == 0 ? double.PositiveInfinity
                : alpha >= 1 ? 0
                : Math.Min(Quantile(recent, Math.Max(1 - alpha, 0)), recent.Max());
            result[i] = (test[i].Predicted - q * test[i].Scale, test[i].Predicted + q * test[i].Scale);
            made[i] = true;
        }
        // The outcomes still to come after the last forecast count for the next one.
        for (; nextOutcome < byOutcome.Count; nextOutcome++) alpha = Step(alpha, byOutcome[nextOutcome]);
        return (result, alpha);

        double Step(double alpha, int j)
        {
            var (lo, hi) = result[j];
            if (!made[j] || !double.IsFinite(lo) || !double.IsFinite(test[j].Actual)) return alpha;
            return alpha + gamma * (1 - level - (test[j].Actual >= lo && test[j].Actual <= hi ? 0 : 1));
        }
    }

    /// <summary>How the adaptive intervals (<see cref="AdaptiveIntervals"/>) did.</summary>
    public static IntervalCoverage EvaluateAdaptive(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test, double level,
        int window = DefaultWindow, double gamma = DefaultGamma) =>
        Score(test, AdaptiveIntervals(calibration, test, level, window, gamma), level);

    public static IntervalCoverage Evaluate(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test, double level, int window = DefaultWindow) =>
        Score(test, Intervals(calibration, test, level, window), level);

    internal static IntervalCoverage Score(IReadOnlyList<ScaledForecast> test, (double Lower, double Upper)[] intervals, double level)
    {
        int count = 0, inside = 0;
        double width = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var (lo, hi) = intervals[i];
            if (!double.IsFinite(lo) || !double.IsFinite(test[i].Actual)) continue;
            count++;
            width += hi - lo;
            if (test[i].Actual >= lo && test[i].Actual <= hi) inside++;
        }
        return new IntervalCoverage(level, count, count == 0 ? double.NaN : (double)inside / count, count == 0 ? double.NaN : width / count);
    }

    /// <summary>The ⌈(n + 1)·level⌉-th smallest of n scores (the split-conformal quantile); infinite when that rank exceeds n.</summary>
    public static double Quantile(IEnumerable<double> scores, double level)
    {
        var sorted = scores.Order().ToArray();
        var rank = (int)Math.Ceiling((sorted.Length + 1) * level);
        return rank > sorted.Length || rank < 1 ? double.PositiveInfinity : sorted[rank - 1];
    }
}
