using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.CrossValidation;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Tests;

public sealed class WalkForwardTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void HandComputedFoldsPurgeTheHorizonAndEmbargoAfterTheTestFold()
    {
        // One series, days 0..11; example n has features on day n and its label on day n + 2 (horizon 2): n = 0..9.
        var examples = Enumerable.Range(0, 10).Select(n => (Day0.AddDays(n), Day0.AddDays(n + 2))).ToList();
        // Label days 2..11; the first 4 (2–5) only train; 6 left → 2 folds of label days 6–8 and 9–11.
        var walkForward = PurgedWalkForward.Split(examples, new WalkForwardOptions(Folds: 2, Horizon: 2, Embargo: 1, MinTrainPeriods: 4));

        Assert.Equal((Day0.AddDays(6), Day0.AddDays(8)), (walkForward[0].TestStart, walkForward[0].TestEnd));
        Assert.Equal([4, 5, 6], walkForward[0].Test);
        // Test labels 6–8 are informed from day 4 (= 6 − 2): training labels must end by day 3 → examples 0, 1.
        Assert.Equal([0, 1], walkForward[0].Train);
        Assert.Equal(2, walkForward[0].Purged); // examples 2, 3 (labels on days 4, 5)
        Assert.Equal([0, 1, 2, 3, 4], walkForward[1].Train);
        Assert.Equal([7, 8, 9], walkForward[1].Test);

        // Purged k-fold: the first fold may also train after its test span, once past the purge and the embargo.
        var kFold = PurgedWalkForward.Split(examples, new WalkForwardOptions(Folds: 2, Horizon: 2, Embargo: 1, MinTrainPeriods: 4, TrainAfterTest: true));
        // Test feature days end at 6 (label 8). Example 7 (features day 7 ≤ 8) overlaps: purged. Example 8 (day 8): purged.
        // Example 9 (day 9 = 8 + 1): embargoed. Nothing is left after the embargo.
        Assert.Equal([0, 1], kFold[0].Train);
        Assert.Equal((2 + 2, 1), (kFold[0].Purged, kFold[0].Embargoed));
    }

    public static TheoryData<string, int, int, bool> Cases => new()
    {
        { "sp500-vol5", 5, 0, false },
        { "sp500-vol5", 5, 10, true },
        { "dow30-ret1", 1, 5, false },
        { "dow30-ret1", 1, 5, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NoTrainingLabelFallsInsideTheTestFoldWidenedByHorizonAndEmbargo(string data, int horizon, int embargo, bool trainAfterTest)
    {
        var dataset = data == "sp500-vol5"
            ? DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Vol5, ModelInputs.Series)
            : DatasetBuilder.Build(Dow30History.Observations, PriceFeatures.Names, ForecastTarget.Ret1);
        Assert.Equal(horizon, dataset.Target.Horizon());
        var examples = dataset.Examples;
        var timeline = examples.SelectMany(e => new[] { e.FeatureTime, e.TargetTime }).Distinct().Order().ToList();
        var folds = PurgedWalkForward.Split(examples, new WalkForwardOptions(5, horizon, embargo, MinTrainPeriods: 500, TrainAfterTest: trainAfterTest));

        Assert.Equal(5, folds.Count);
        foreach (var fold in folds)
        {
            var a = timeline.IndexOf(fold.TestStart);
            var b = timeline.IndexOf(fold.TestEnd);
            var (forbiddenFrom, forbiddenTo) = (timeline[a - horizon], timeline[Math.Min(b + embargo, timeline.Count - 1)]);
            Assert.NotEmpty(fold.Train);
            Assert.NotEmpty(fold.Test);
            Assert.All(fold.Test, n => Assert.InRange(examples[n].TargetTime, fold.TestStart, fold.TestEnd));
            var testInformedFrom = fold.Test.Min(n => examples[n].FeatureTime);
            foreach (var n in fold.Train)
            {
                var e = examples[n];
                Assert.False(e.TargetTime >= forbiddenFrom && e.TargetTime <= forbiddenTo,
                    $"fold {fold.Index}: training label {e.TargetTime:yyyy-MM-dd} inside [{forbiddenFrom:yyyy-MM-dd}, {forbiddenTo:yyyy-MM-dd}]");
                // And no training label interval (features → label) overlaps the test fold's.
                Assert.True(e.TargetTime < testInformedFrom || e.FeatureTime > fold.TestEnd);
                if (!trainAfterTest) Assert.True(e.TargetTime < fold.TestStart);
            }
            Assert.True(fold.Purged > 0);
            if (trainAfterTest && embargo > 0 && fold.Index < folds.Count - 1) Assert.True(fold.Embargoed > 0);
        }
        // Walk-forward: each fold trains on more of the past than the one before.
        if (!trainAfterTest) Assert.True(folds.Zip(folds.Skip(1)).All(p => p.First.Train.Count < p.Second.Train.Count));
    }
}
