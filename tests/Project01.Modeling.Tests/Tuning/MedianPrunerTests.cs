using Project01.Modeling.Tuning;

namespace Project01.Modeling.Tests.Tuning;

public sealed class MedianPrunerTests
{
    private static readonly SearchSpace Space = new([new FloatParameter("x", 0, 1)]);

    private static TrialRecord Completed(int number, params double[] losses) =>
        new(number, new TrialParameters(Space, [0.5]), TrialState.Complete, losses.Average(), losses, default, default);

    [Fact]
    public void ATrialWorseThanTheMedianOfCompletedTrialsAtTheSameStepIsPruned()
    {
        // Mean losses through step 1: 1.5, 2.5, 3.5, 4.5, 5.5 → median 3.5.
        var completed = Enumerable.Range(0, 5).Select(n => Completed(n, n + 1, n + 2, 0)).ToList();
        var pruner = new MedianPruner(startupTrials: 5);

        Assert.True(pruner.ShouldPrune(1, 3.6, completed));
        Assert.False(pruner.ShouldPrune(1, 3.5, completed));
        Assert.False(pruner.ShouldPrune(1, 1.0, completed));
        Assert.True(pruner.ShouldPrune(0, double.NaN, completed));
        // Too few completed trials to judge, or still warming up: never.
        Assert.False(pruner.ShouldPrune(1, 100, completed.Take(4).ToList()));
        Assert.False(new MedianPruner(startupTrials: 5, warmupSteps: 2).ShouldPrune(1, 100, completed));
    }

    [Fact]
    public void InAStudyObviouslyBadTrialsStopAfterTheirFirstFold()
    {
        // Five folds; a setting's loss is x on every fold, so x ≥ 0.9 is obviously bad once five trials have completed.
        var folds = new List<int>();
        var result = new Study(Space, new RandomSampler(), new MedianPruner(), new StudyOptions(40, Seed: 3, MaxParallel: 1)).Optimize(t =>
        {
            for (var k = 0; k < 5; k++)
            {
                lock (folds) folds.Add(k);
                t.Report(k, t.Parameters.Float("x"));
            }
            return t.Parameters.Float("x");
        });

        var bad = result.Trials.Where(t => t.Number >= 5 && t.Parameters.Float("x") >= 0.9).ToList();
        Assert.NotEmpty(bad);
        Assert.All(bad, t => Assert.Equal((TrialState.Pruned, 1), (t.State, t.StepLosses.Count)));
        Assert.All(result.Trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal(5, t.StepLosses.Count));
        Assert.Equal(result.Completed * 5 + result.Pruned, folds.Count); // pruned trials fitted one fold, not five
        Assert.True(result.Best!.Parameters.Float("x") <= result.Trials.Min(t => t.Parameters.Float("x")));
    }
}
