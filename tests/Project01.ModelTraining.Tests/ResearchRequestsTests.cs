using Project01.Contracts;
using Project01.Core.Data;
using Project01.Core.Forecasting;
using Project01.ModelTraining.Research;
using Project01.ModelTraining.Tuning;
using Project01.Modeling.Tuning;
using Project01.Portfolios.Backtest;

namespace Project01.ModelTraining.Tests;

/// <summary>What the Training service's research routes accept, and the library code they share with p01 tune and p01 portfolio.</summary>
public sealed class ResearchRequestsTests
{
    [Fact]
    public void ATuningRequestBecomesTheSearchP01TuneRunsWithTheDatasetsDefaultSplit()
    {
        var request = TuningJobs.Parse(new TuningJobRequest("Ridge", "vol5", Trials: 3, Folds: 2));
        Assert.Equal(("Ridge", ForecastTarget.Vol5, 3, 2, "tpe", 1, (int?)1, true),
            (request.Algorithm, request.Target, request.Trials, request.Folds, request.Sampler, request.Seed, request.MaxParallel, request.Prune));
        Assert.Equal((new DateTime(2014, 12, 31), new DateTime(2016, 12, 31)), (request.TrainEnd, request.ValidationEnd));
        Assert.Equal(DateTimeKind.Utc, request.TrainEnd.Kind);

        var dow = TuningJobs.Parse(new TuningJobRequest("lightgbm", "ret1", Dataset: "dow30", TrainEnd: "1996-12-31", ValidEnd: "1998-06-30", Sampler: "random"));
        Assert.Equal((new DateTime(1996, 12, 31), new DateTime(1998, 6, 30), "random"), (dow.TrainEnd, dow.ValidationEnd, dow.Sampler));
    }

    public static TheoryData<TuningJobRequest, string, string> BadTuningRequests => new()
    {
        { new TuningJobRequest(null, "vol5"), "model", "model is required" },
        { new TuningJobRequest("har", "vol5"), "model", "no search space for model 'har'" },
        { new TuningJobRequest("ridge", null), "target", "target is required" },
        { new TuningJobRequest("ridge", "vol99"), "target", "vol99" },
        { new TuningJobRequest("ridge", "vol5", Trials: 0), "trials", "between 1 and 500" },
        { new TuningJobRequest("ridge", "vol5", Folds: 1), "folds", "between 2" },
        { new TuningJobRequest("ridge", "vol5", Dataset: "nasdaq"), "dataset", "unknown dataset 'nasdaq'" },
        { new TuningJobRequest("ridge", "vol5", Sampler: "grid"), "sampler", "unknown sampler 'grid'" },
        { new TuningJobRequest("ridge", "vol5", TrainEnd: "2015/01/01"), "trainEnd", "is not a date" },
        { new TuningJobRequest("ridge", "vol5", TrainEnd: "2017-01-01", ValidEnd: "2016-01-01"), "validEnd", "must come before the validation end" },
        { new TuningJobRequest("ridge", "vol5", Parallel: 0), "parallel", "parallel must be between 1" },
    };

    [Theory]
    [MemberData(nameof(BadTuningRequests))]
    public void ABadTuningRequestNamesTheFieldAtFault(TuningJobRequest request, string field, string message)
    {
        var e = Assert.Throws<InvalidResearchRequestException>(() => TuningJobs.Parse(request));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task RecordedTuningRunsTheSearchAndReportsEveryTrialWithoutAStore()
    {
        var request = new TuningRequest("ridge", ForecastTarget.Vol5, new DateTime(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2016, 12, 31, 0, 0, 0, DateTimeKind.Utc), Trials: 3, Folds: 2, MaxParallel: 1);
        var trials = new List<TrialRecord>();
        var (report, study) = await RecordedTuning.RunAsync(BundledData.Sp500Bars(), "sp500", request, store: null, started: _ => Assert.Fail("no store, no study"),
            finished: t => { lock (trials) trials.Add(t); }, progress: null, TestContext.Current.CancellationToken);

        Assert.Null(study);
        Assert.Equal(3, trials.Count);
        Assert.Contains(report.Best, trials);
        Assert.Equal(trials.Where(t => t.State == TrialState.Complete).Min(t => t.Value), report.Best.Value);
        var recorded = RecordedTuning.Trial(report.Best);
        Assert.Equal((report.Best.Number, "complete"), (recorded.Number, recorded.State));
        Assert.Contains("alpha", recorded.Parameters.Keys);
        Assert.True(report.TestLoss < report.NaiveTestLoss, $"test {report.TestLoss} vs naive {report.NaiveTestLoss}");
    }

    [Fact]
    public async Task ADatasetIdIsItsNameAndContentHash()
    {
        var id = await ResearchDatasets.IdAsync("sp500", TestContext.Current.CancellationToken);
        Assert.Matches("^sp500-daily-2000-2020\\.csv@sha256:[0-9a-f]{16}$", id);
        Assert.Equal(id, await ResearchDatasets.IdAsync("SP500", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void APortfolioRequestBecomesTheOptionsP01PortfolioBuilds()
    {
        var (options, settings) = PortfolioJobs.Parse(new PortfolioJobRequest(PpoIterations: 2, PpoStepsPerIteration: 32));
        Assert.Equal(new PortfolioBacktestOptions(new DateTime(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc), 252, 10, Rebalance.Monthly), options);
        Assert.Equal(("all", 10.0, 0.2), (settings.Method, settings.RiskAversion, settings.Cap));
        Assert.Equal((2, 32, 1), (settings.PpoOrDefault.Iterations, settings.PpoOrDefault.StepsPerIteration, settings.PpoOrDefault.Seed));
    }

    public static TheoryData<PortfolioJobRequest, string, string> BadPortfolioRequests => new()
    {
        { new PortfolioJobRequest(TestStart: "next year"), "testStart", "is not a date" },
        { new PortfolioJobRequest(TestStart: "1991-06-01"), "testStart", "must leave 252 days" },
        { new PortfolioJobRequest(TestStart: "2001-01-01"), "testStart", "a month after it" },
        { new PortfolioJobRequest(Method: "magic"), "method", "not 'magic'" },
        { new PortfolioJobRequest(Rebalance: "weekly"), "rebalance", "monthly or daily" },
        { new PortfolioJobRequest(CostBps: -1), "costBps", "between 0 and 1000" },
        { new PortfolioJobRequest(Window: 5), "window", "between 20 and 2000" },
        { new PortfolioJobRequest(Cap: 0.01), "cap", "cannot sum to one" },
        { new PortfolioJobRequest(RiskAversion: 0), "riskAversion", "must be positive" },
        { new PortfolioJobRequest(PpoIterations: 0), "ppoIterations", "between 1 and 1000" },
    };

    [Theory]
    [MemberData(nameof(BadPortfolioRequests))]
    public void ABadPortfolioRequestNamesTheFieldAtFault(PortfolioJobRequest request, string field, string message)
    {
        var e = Assert.Throws<InvalidResearchRequestException>(() => PortfolioJobs.Parse(request));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TheComparisonCarriesEachMethodsMetricsWeightsAndEquityCurve()
    {
        var result = PortfolioJobs.Run(new PortfolioJobRequest(Method: "rp"), new Progress<string>(), TestContext.Current.CancellationToken);

        Assert.Equal(("dow30", 30, "monthly", 252, 10.0), (result.Dataset, result.Assets, result.Rebalance, result.WindowDays, result.CostBps));
        Assert.Equal(new DateTime(1997, 1, 2), result.TestStart);
        Assert.Equal(result.TestDays, result.Dates.Count);
        Assert.Equal(["ew-buy-hold", "rp"], result.Methods.Select(m => m.Method));
        foreach (var m in result.Methods)
        {
            Assert.Equal(result.Dates.Count, m.Equity.Count);
            Assert.Equal(30, m.FinalWeights.Count);
            Assert.All(m.FinalWeights.Values, w => Assert.InRange(w, 0, 1));
            Assert.Equal(1, m.FinalWeights.Values.Sum() + m.Cash!.Value, 9);
            Assert.Equal(m.TotalReturn!.Value, m.Equity[^1] - 1, 9);
            Assert.InRange(m.AnnualVolatility!.Value, 0.05, 0.6);
            Assert.InRange(m.MaxDrawdown!.Value, 0.01, 0.9);
            Assert.NotNull(m.Sharpe);
        }
        Assert.Equal(252.0 / result.TestDays, result.Methods[0].TurnoverPerYear!.Value, 9); // bought once from cash, then held
        Assert.True(result.Methods[1].TurnoverPerYear > result.Methods[0].TurnoverPerYear);
    }
}
