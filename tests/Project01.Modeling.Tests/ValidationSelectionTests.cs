using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.Selection;
using Project01.Modeling.Training;

namespace Project01.Modeling.Tests;

/// <summary>"auto" chooses the algorithm on the validation span with the same recipe as any single one.</summary>
public sealed class ValidationSelectionTests
{
    private static readonly Lazy<SupervisedDataset> Vol5 = new(() =>
        DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Vol5, [.. ModelInputs.Default, .. ModelInputs.Har]));

    [Fact]
    public void AutoKeepsTheCandidateBestOnValidationAndReportsItsOwnTestMeasures()
    {
        var candidates = ForecasterCatalog.AutoCandidates.Select(a => ForecasterTraining.Train(Vol5.Value, ForecasterCatalog.Create(a, ForecastTarget.Vol5))).ToList();
        var auto = ForecasterTraining.Train(Vol5.Value, ForecasterCatalog.Create(ForecasterCatalog.Auto, ForecastTarget.Vol5));

        var best = candidates.MaxBy(c => c.Metrics["validation_score"])!;
        Assert.True(candidates.Select(c => c.Metrics["validation_score"]).Distinct().Count() > 1, "the candidates should differ on validation");
        Assert.Equal(ForecasterCatalog.Auto, auto.Algorithm);
        Assert.Equal(best.Algorithm, auto.Parameters[ValidationSelectionTrainer.CandidateConfig.AlgorithmKey]);
        Assert.Equal(best.Metrics["validation_score"], auto.Metrics["validation_score"]);
        Assert.Equal(best.Metrics["test_qlike"], auto.Metrics["test_qlike"], 12);
        Assert.InRange(auto.Metrics["onnx_parity_max_abs"], 0, ForecasterTraining.ParityTolerance);
    }

    [Fact]
    public void AutoOffersOnlyCandidatesThatCanForecastTheTarget()
    {
        var ret1 = DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Ret1);
        var space = ForecasterCatalog.Create(ForecasterCatalog.Auto).SearchSpace(ret1).Cast<ValidationSelectionTrainer.CandidateConfig>().ToList();

        Assert.Equal([ForecasterCatalog.LightGbm, ForecasterCatalog.Ridge], space.Select(c => c.Trainer.Algorithm).Distinct().Order());
        Assert.Throws<ArgumentException>(() => ForecasterCatalog.Create(ForecasterCatalog.Auto).Fit([], ["x"], new Forecasters.Linear.RidgeConfig(1)));
    }
}
