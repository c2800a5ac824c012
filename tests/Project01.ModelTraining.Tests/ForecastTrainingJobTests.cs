using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;

namespace Project01.ModelTraining.Tests;

public sealed class ForecastTrainingJobTests
{
    [Theory]
    [InlineData("ret1-lightgbm", ForecastTarget.Ret1, "lightgbm")]
    [InlineData("vol5-har", ForecastTarget.Vol5, "har")]
    [InlineData("dir1-xgboost", ForecastTarget.Dir1, "xgboost")]
    [InlineData("vol5-ridge", ForecastTarget.Vol5, "ridge")]
    public void TrainableNamesParseToTheirTargetAndAlgorithm(string name, ForecastTarget target, string algorithm) =>
        Assert.Equal((target, algorithm), ForecastTrainingJob.ParseModelName(name));

    [Fact]
    public void EveryAlgorithmOfTheCatalogueIsTrainableForSomeTarget() =>
        Assert.All(ForecasterCatalog.Algorithms, algorithm => Assert.Contains(ForecastTargets.All, target =>
        {
            try { return ForecastTrainingJob.ParseModelName($"{target.Name()}-{algorithm}").Algorithm == algorithm; }
            catch (ArgumentException) { return false; }
        }));

    [Fact]
    public void AnAlgorithmTheRegistryGrammarAcceptsButNoTrainerKnowsIsRefused()
    {
        // "moon" is a well-formed algorithm word for the registry; only the training side knows it cannot be trained.
        var e = Assert.Throws<ArgumentException>(() => ForecastTrainingJob.ParseModelName("ret1-moon"));
        Assert.Contains("unknown model 'moon'", e.Message);
        Assert.Contains("lightgbm", e.Message);
    }

    [Fact]
    public void AnAlgorithmThatCannotForecastTheTargetIsRefusedWithTheReason()
    {
        var e = Assert.Throws<ArgumentException>(() => ForecastTrainingJob.ParseModelName("ret1-har"));
        Assert.Equal("har forecasts vol5 only, not ret1 (it is a model of realized volatility)", e.Message);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("-lightgbm")]
    [InlineData("ret2-lightgbm")]
    public void MalformedNamesAreRefusedByTheRegistryGrammar(string name) =>
        Assert.Throws<ArgumentException>(() => ForecastTrainingJob.ParseModelName(name));

    [Fact]
    public void ReturnModelsTrainOnServableViewFeaturesAndVolatilityModelsAddTheHarTerms()
    {
        Assert.Equal(ModelInputs.Default, ForecastTrainingJob.Inputs(ForecastTarget.Ret1));
        Assert.All(ModelInputs.Default, input => Assert.Contains(input, PriceFeatures.Names));
        Assert.Equal([.. ModelInputs.Default, .. ModelInputs.Har], ForecastTrainingJob.Inputs(ForecastTarget.Vol5));
        Assert.All(ModelInputs.Har, input => Assert.Contains(input, DerivedFeatures.PerSymbol));
    }
}
