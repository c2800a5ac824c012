namespace Project01.Modeling.Evaluation;

/// <summary>
/// Dynamically-tuned adaptive conformal inference (DtACI; Gibbs and Candès, "Conformal inference for online prediction
/// with arbitrary distribution shifts", JMLR 2024). ACI's step γ is a bet on how fast the errors' distribution moves: a
/// small one is steady in calm years and slow in a crash, a large one the reverse. DtACI runs ACI with several steps at
/// once and weighs them by how well each tracked the level that would just have covered each outcome (the pinball loss
/// of that level β against each expert's α), so the step follows the market: the served level is the weighted mean of
/// the experts' levels.
/// </summary>
public static class DynamicConformal
{
    /// <summary>The paper's grid of steps.</summary>
    public static readonly IReadOnlyList<double> DefaultGammas = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128];

    /// <summary>The local interval I: how many outcomes the weights mostly remember (σ = 1/(2I)) and what η is tuned
    /// for. The paper's experiments use 100; on the S&amp;P 500's vol5 forecasts that widened the 90 % intervals by 18 %
    /// for no coverage gained, so 500, the calibration window's length.</summary>
    public const int DefaultLocalInterval = 500;

    /// <summary>
    /// Intervals for each of <paramref name="test"/> at <paramref name="level"/>, as
    /// <see cref="ConformalIntervals.AdaptiveIntervals"/> (scores over the last <paramref name="window"/> outcomes known
    /// when the forecast is made, capped at the largest of them) but with the level chosen by DtACI. Outcomes update the
    /// experts when they become known (a 5-day target's five days later), each against the level it had when the
    /// forecast was made.
    /// </summary>
    public static (double Lower, double Upper)[] Intervals(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test,
        double level, int window = ConformalIntervals.DefaultWindow, IReadOnlyList<double>? gammas = null, int localInterval = DefaultLocalInterval)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "a level is in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(localInterval, 2);
        var steps = (gammas ?? DefaultGammas).ToArray();
        if (steps.Length == 0 || steps.Any(g => !(g > 0))) throw new ArgumentException("the steps are positive numbers", nameof(gammas));

        var target = 1 - level;
        var k = steps.Length;
        // η and σ as the paper sets them for a local interval I.
        var denominator = Math.Pow(1 - target, 2) * Math.Pow(target, 3) + Math.Pow(target, 2) * Math.Pow(1 - target, 3);
        var eta = Math.Sqrt(3.0 / localInterval) * Math.Sqrt((Math.Log(k * localInterval) + 2) / denominator);
        var sigma = 1.0 / (2 * localInterval);

        var known = calibration.Concat(test).Select(f => (KnownAt: f.TargetTime, Score: Math.Abs(f.Actual - f.Predicted) / f.Scale))
            .Where(s => double.IsFinite(s.Score)).OrderBy(s => s.KnownAt).ToArray();
        var scores = known.Select(s => s.Score).ToArray();
        var knownAt = known.Select(s => s.KnownAt).ToArray();
        var byOutcome = Enumerable.Range(0, test.Count).OrderBy(i => test[i].TargetTime).ToList();

        var alphas = Enumerable.Repeat(target, k).ToArray();
        var weights = Enumerable.Repeat(1.0 / k, k).ToArray();
        var result = new (double Lower, double Upper)[test.Count];
        var knownWhenMade = new int[test.Count]; // scores[..knownWhenMade[i]] were known when forecast i was made
        var expertsWhenMade = new double[test.Count][];
        var made = new bool[test.Count];
        var recent = new Queue<double>();
        int nextScore = 0, nextOutcome = 0;
        foreach (var i in Enumerable.Range(0, test.Count).OrderBy(i => test[i].FeatureTime))
        {
            var now = test[i].FeatureTime;
            while (nextScore < scores.Length && knownAt[nextScore] <= now)
            {
                recent.Enqueue(scores[nextScore++]);
                if (recent.Count > window) recent.Dequeue();
            }
            while (nextOutcome < byOutcome.Count && test[byOutcome[nextOutcome]].TargetTime <= now)
            {
                var j = byOutcome[nextOutcome++];
                if (!made[j] || expertsWhenMade[j] is not { } experts) continue;
                var score = Math.Abs(test[j].Actual - test[j].Predicted) / test[j].Scale;
                if (!double.IsFinite(score)) continue;
                var start = Math.Max(0, knownWhenMade[j] - window);
                var beta = CoveringLevel(scores.AsSpan(start, knownWhenMade[j] - start), score);
                Update(weights, alphas, experts, beta, target, steps, eta, sigma);
            }
            knownWhenMade[i] = nextScore;
            expertsWhenMade[i] = recent.Count == 0 ? null! : (double[])alphas.Clone();
            var alpha = 0.0;
            for (var e = 0; e < k; e++) alpha += weights[e] * alphas[e];
            var q = recent.Count == 0 ? double.PositiveInfinity
                : alpha >= 1 ? 0
                : Math.Min(ConformalIntervals.Quantile(recent, Math.Max(1 - alpha, 0)), recent.Max());
            result[i] = (test[i].Predicted - q * test[i].Scale, test[i].Predicted + q * test[i].Scale);
            made[i] = true;
        }
        return result;
    }

    /// <summary>How the DtACI intervals did.</summary>
    public static IntervalCoverage Evaluate(IReadOnlyList<ScaledForecast> calibration, IReadOnlyList<ScaledForecast> test, double level,
        int window = ConformalIntervals.DefaultWindow) =>
        ConformalIntervals.Score(test, Intervals(calibration, test, level, window), level);

    /// <summary>
    /// β, the largest miscoverage level whose interval would still have covered <paramref name="score"/> (as a supremum:
    /// every α below it covers, α = β does not). With r of the n window scores below it, the ⌈(n + 1)(1 − α)⌉-th smallest
    /// score is at least it exactly when α &lt; 1 − r/(n + 1); above every score, no level covers it.
    /// </summary>
    public static double CoveringLevel(ReadOnlySpan<double> window, double score)
    {
        var below = 0;
        foreach (var s in window) if (s < score) below++;
        return below == window.Length ? 0 : 1 - (double)below / (window.Length + 1);
    }

    /// <summary>One outcome's update: exponential weights on each expert's pinball loss, mixed with σ of the uniform (so
    /// an expert written off can come back after a shift), then each expert's ACI step.</summary>
    public static void Update(double[] weights, double[] alphas, double[] alphasWhenMade, double beta, double target, double[] steps,
        double eta, double sigma)
    {
        var k = weights.Length;
        var total = 0.0;
        for (var e = 0; e < k; e++)
        {
            weights[e] *= Math.Exp(-eta * Pinball(beta - alphasWhenMade[e], target));
            total += weights[e];
        }
        for (var e = 0; e < k; e++)
        {
            weights[e] = total > 0 ? (1 - sigma) * weights[e] / total + sigma / k : 1.0 / k;
            var missed = alphasWhenMade[e] >= beta ? 1 : 0;
            alphas[e] += steps[e] * (target - missed);
        }
    }

    /// <summary>The pinball loss of the paper: α·x − min(0, x).</summary>
    public static double Pinball(double x, double target) => target * x - Math.Min(0, x);
}
