using Project01.Modeling.Tuning;

namespace Project01.Modeling.Tests.Tuning;

public sealed class TpeSamplerTests
{
    /// <summary>A known function with its minimum 0 at lr = 1e-3, depth = 7, x = 1.3, kind = b: a log-scale, an
    /// integer, a real and a categorical parameter, as in a model's search space.</summary>
    private static readonly SearchSpace Space = new(
    [
        new FloatParameter("lr", 1e-6, 1, Log: true),
        new IntParameter("depth", 1, 16),
        new FloatParameter("x", -5, 5),
        new CategoricalParameter("kind", ["a", "b", "c", "d"]),
    ]);

    private static readonly Dictionary<string, double> KindPenalty = new() { ["a"] = 1, ["b"] = 0, ["c"] = 0.5, ["d"] = 2 };

    private static double Known(TrialParameters p) =>
        Math.Pow(Math.Log10(p.Float("lr")) + 3, 2) / 4 + Math.Pow((p.Int("depth") - 7) / 3.0, 2) + Math.Pow(p.Float("x") - 1.3, 2) / 4 + KindPenalty[p.Category("kind")];

    private static double BestFound(ISampler sampler, int seed, int trials) =>
        new Study(Space, sampler, null, new StudyOptions(trials, seed, MaxParallel: 1)).Optimize(t => Known(t.Parameters)).Best!.Value;

    [Fact]
    public void TpeBeatsRandomSearchOnAKnownFunctionAtEqualBudget()
    {
        // Same budget (100 trials), same seeds; TPE's first 10 are random too. Averaged over 20 seeds so that one lucky
        // draw cannot decide it, and deterministic (one trial at a time, seeded). Measured: TPE 0.13, random 0.48.
        var seeds = Enumerable.Range(1, 20).ToList();
        var tpe = seeds.Select(s => BestFound(new TpeSampler(), s, 100)).ToList();
        var random = seeds.Select(s => BestFound(new RandomSampler(), s, 100)).ToList();

        Assert.True(tpe.Average() < 0.5 * random.Average(), $"mean best: TPE {tpe.Average():F4}, random {random.Average():F4}");
        // Not by a few lucky seeds: TPE finds the better point on most of them (it can settle on a poor category, the
        // one way univariate TPE loses to random search here; measured 14 of 20).
        var wins = tpe.Zip(random).Count(p => p.First < p.Second);
        Assert.True(wins >= 13, $"TPE better on {wins} of 20 seeds");
    }

    [Fact]
    public void TheGoodGroupIsTheBestTenthOfCompletedTrialsAndPrunedOnesRankLast()
    {
        var space = new SearchSpace([new FloatParameter("x", 0, 1)]);
        TrialRecord Finished(int n, TrialState state, double value, int steps) =>
            new(n, new TrialParameters(space, [n / 100.0]), state, value, Enumerable.Repeat(value, steps).ToArray(), default, default);
        // 20 finished: γ(20) = 2. The pruned trial has the lowest value but ranks after every completed one.
        var finished = Enumerable.Range(0, 19).Select(n => Finished(n, TrialState.Complete, 10 - n * 0.1, 5)).Append(Finished(19, TrialState.Pruned, 0.1, 1)).ToList();

        var (good, bad) = TpeSampler.Split(finished);

        Assert.Equal([17, 18], good.Select(t => t.Number));
        Assert.Equal(18, bad.Count);
        Assert.Equal((1, 2, 25, 25), (TpeSampler.Gamma(1), TpeSampler.Gamma(11), TpeSampler.Gamma(250), TpeSampler.Gamma(1000)));
    }

    [Fact]
    public void OlderTrialsWeighLessOnlyBeyondTwentyFive()
    {
        Assert.All(TpeSampler.Weights(24), w => Assert.Equal(1, w));
        var weights = TpeSampler.Weights(35);
        Assert.Equal(1 / 35.0, weights[0], 12);
        Assert.Equal(1, weights[9], 12);
        Assert.True(weights.Take(10).Zip(weights.Skip(1).Take(9)).All(p => p.First < p.Second));
        Assert.All(weights.Skip(10), w => Assert.Equal(1, w));
    }

    [Fact]
    public void GuidedSamplesRespectBoundsAndTheSameSeedGivesTheSameStudy()
    {
        var first = new Study(Space, new TpeSampler(), null, new StudyOptions(40, Seed: 7, MaxParallel: 1)).Optimize(t => Known(t.Parameters));
        var again = new Study(Space, new TpeSampler(), null, new StudyOptions(40, Seed: 7, MaxParallel: 1)).Optimize(t => Known(t.Parameters));
        var other = new Study(Space, new TpeSampler(), null, new StudyOptions(40, Seed: 8, MaxParallel: 1)).Optimize(t => Known(t.Parameters));

        Assert.Equal(first.Trials.Select(t => t.Parameters.ToString()), again.Trials.Select(t => t.Parameters.ToString()));
        Assert.NotEqual(first.Trials.Select(t => t.Parameters.ToString()), other.Trials.Select(t => t.Parameters.ToString()));
        Assert.All(first.Trials, t =>
        {
            Assert.InRange(t.Parameters.Float("lr"), 1e-6, 1);
            Assert.InRange(t.Parameters.Int("depth"), 1, 16);
            Assert.InRange(t.Parameters.Float("x"), -5, 5);
        });
    }
}
