namespace Project01.Modeling.Tuning;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl 2011), as Optuna's <c>TPESampler</c> does it
/// by default (univariate): the first <see cref="StartupTrials"/> settings are random; after that the finished trials
/// are ranked (complete ones by loss, then pruned ones, those that got further first), the best γ(n) = min(⌈n/10⌉, 25)
/// form the good group and the rest the bad one, and for each parameter <see cref="Candidates"/> values are drawn from
/// the good group's density l(x) and the one with the largest l(x)/g(x) is kept (g: the bad group's density). Both
/// groups weigh trials equally up to 25, then older trials ramp down towards 1/n.
/// </summary>
public sealed class TpeSampler(int startupTrials = 10, int candidates = 24) : ISampler
{
    public const string SamplerName = "tpe";

    public string Name => SamplerName;
    public int StartupTrials { get; } = startupTrials >= 1 ? startupTrials : throw new ArgumentOutOfRangeException(nameof(startupTrials));
    public int Candidates { get; } = candidates >= 1 ? candidates : throw new ArgumentOutOfRangeException(nameof(candidates));

    public TrialParameters Sample(SearchSpace space, IReadOnlyList<TrialRecord> finished, Random random)
    {
        if (finished.Count < StartupTrials) return space.SampleUniform(random);
        var (good, bad) = Split(finished);
        var goodWeights = Weights(good.Count);
        var badWeights = Weights(bad.Count);
        var values = new double[space.Parameters.Count];
        for (var p = 0; p < values.Length; p++)
        {
            var parameter = space.Parameters[p];
            var l = new ParzenEstimator(parameter, [.. good.Select(t => t.Parameters[p])], goodWeights);
            var g = new ParzenEstimator(parameter, [.. bad.Select(t => t.Parameters[p])], badWeights);
            double best = double.NaN, bestRatio = double.NegativeInfinity;
            for (var c = 0; c < Candidates; c++)
            {
                var x = l.Sample(random);
                var ratio = l.LogDensity(x) - g.LogDensity(x);
                if (ratio > bestRatio) (best, bestRatio) = (x, ratio);
            }
            values[p] = best;
        }
        return new TrialParameters(space, values);
    }

    /// <summary>Optuna's default γ: the good group's size for <paramref name="n"/> finished trials.</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>The good and the bad group, each in trial order (the order <see cref="Weights"/> refers to).</summary>
    public static (List<TrialRecord> Good, List<TrialRecord> Bad) Split(IReadOnlyList<TrialRecord> finished)
    {
        var ranked = finished
            .OrderBy(t => t.State == TrialState.Complete ? 0 : 1)
            .ThenByDescending(t => t.State == TrialState.Complete ? 0 : t.StepLosses.Count)
            .ThenBy(t => double.IsNaN(t.Value) ? double.PositiveInfinity : t.Value)
            .ThenBy(t => t.Number)
            .ToList();
        var n = Gamma(finished.Count);
        return ([.. ranked.Take(n).OrderBy(t => t.Number)], [.. ranked.Skip(n).OrderBy(t => t.Number)]);
    }

    /// <summary>Optuna's default weights: flat up to 25 trials, beyond that the oldest ramp linearly from 1/n up to 1.</summary>
    public static double[] Weights(int n)
    {
        if (n < 25) return Enumerable.Repeat(1.0, n).ToArray();
        var ramp = n - 25;
        var weights = new double[n];
        for (var i = 0; i < ramp; i++) weights[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        for (var i = ramp; i < n; i++) weights[i] = 1;
        return weights;
    }
}
