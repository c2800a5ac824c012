using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Tuning;

namespace Project01.Modeling.Tests.Tuning;

public sealed class HyperparameterSearchTests
{
    private static readonly DateTime TrainEnd = new(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ValidEnd = new(2016, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void RidgeOnSp500VolatilityIsTunedOnFoldsBeforeTheTestSpanAndScoredOnItOnce()
    {
        var request = new TuningRequest("ridge", ForecastTarget.Vol5, TrainEnd, ValidEnd, Trials: 12, Folds: 4, Seed: 2, MaxParallel: 2);
        var recorded = new List<TrialRecord>();
        var report = HyperparameterSearch.Run(Sp500History.Observations, PriceFeatures.Names, request, r => { lock (recorded) recorded.Add(r); });

        Assert.Equal(4, report.Folds.Count);
        Assert.All(report.Folds, f => Assert.True(f.TestEnd <= ValidEnd && f.Purged == 5));
        Assert.True(report.Test.Start > ValidEnd);
        Assert.Equal(12, recorded.Count);
        Assert.Equal(12, report.Study.Completed + report.Study.Pruned);
        Assert.Equal("qlike", report.Loss);
        // The best trial is a completed one whose score is its folds' mean, and no completed trial scored better.
        Assert.Equal(TrialState.Complete, report.Best.State);
        Assert.Equal(report.Best.StepLosses.Average(), report.Best.Value, 12);
        Assert.All(report.Study.Trials.Where(t => t.State == TrialState.Complete), t => Assert.True(t.Value >= report.Best.Value));
        Assert.Equal(report.Best.Parameters.Describe()["alpha"], report.BestConfig["alpha"]);
        Assert.Equal(report.TestLoss, report.ModelMetrics["qlike"], 12);
        Assert.Equal(report.NaiveTestLoss, report.NaiveMetrics["qlike"], 12);
        Assert.InRange(report.TestLoss, 0.05, 2);
    }

    [Fact]
    public void AModelWithoutASearchSpaceOrAnUnknownSamplerIsRefusedBeforeAnyWork()
    {
        var har = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run([], PriceFeatures.Names, new TuningRequest("har", ForecastTarget.Vol5, TrainEnd, ValidEnd, 5)));
        Assert.Contains("tunable: lightgbm, xgboost, ridge", har.Message);
        var sampler = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run([], PriceFeatures.Names, new TuningRequest("ridge", ForecastTarget.Vol5, TrainEnd, ValidEnd, 5, Sampler: "grid")));
        Assert.Contains("unknown sampler 'grid'", sampler.Message);
    }
}
