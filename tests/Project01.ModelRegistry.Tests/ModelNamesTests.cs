using Project01.Core.Market;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;

namespace Project01.ModelRegistry.Tests;

public sealed class ModelNamesTests
{
    public static TheoryData<ForecastTarget> Targets() => [.. ForecastTargets.All];

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryTargetRoundTripsThroughItsName(ForecastTarget target)
    {
        var name = ModelNames.Of(target, "lightgbm");

        Assert.Equal($"{target.Name()}-lightgbm", name);
        Assert.Equal((target, "lightgbm"), ModelNames.Parse(name));
    }

    [Theory]
    [InlineData("ret1-lightgbm", ForecastTarget.Ret1, "lightgbm")]
    [InlineData("vol5-har", ForecastTarget.Vol5, "har")]
    [InlineData("dir1-xgboost2", ForecastTarget.Dir1, "xgboost2")]
    [InlineData("ret1-a", ForecastTarget.Ret1, "a")]
    public void ParseSplitsAtTheFirstDash(string name, ForecastTarget target, string algorithm) =>
        Assert.Equal((target, algorithm), ModelNames.Parse(name));

    [Fact]
    public void AnAlgorithmOfExactly32CharactersIsAccepted()
    {
        var algorithm = new string('a', 32);
        Assert.Equal((ForecastTarget.Vol5, algorithm), ModelNames.Parse($"vol5-{algorithm}"));
    }

    [Theory]
    [InlineData("ret1lightgbm")]
    [InlineData("-lightgbm")]
    [InlineData("")]
    public void ANameWithoutATargetPartIsNotAModelName(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelNames.Parse(name));
        Assert.Contains($"'{name}' is not a model name", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ret2-lightgbm", "ret2")]
    [InlineData("price-har", "price")]
    [InlineData("vol-5-har", "vol")]
    public void AnUnknownTargetIsNamedWithTheKnownOnes(string name, string target)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelNames.Parse(name));
        Assert.Contains($"unknown target '{target}'", e.Message, StringComparison.Ordinal);
        foreach (var known in ForecastTargets.All) Assert.Contains(known.Name(), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ret1-")]
    [InlineData("ret1-LightGBM")]
    [InlineData("ret1-light_gbm")]
    [InlineData("ret1-light gbm")]
    [InlineData("ret1-lïghtgbm")]
    [InlineData("ret1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 33 characters
    public void AMalformedAlgorithmPartIsRefused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelNames.Parse(name));
        Assert.Equal($"'{name}': the algorithm part must be a lower-case word (e.g. lightgbm)", e.Message);
    }

    [Fact]
    public void IntradayModelsCarryTheirIntervalAndDailyOnesNone()
    {
        var fiveMinutes = BarInterval.Parse("5m");
        Assert.Equal("ret1-lightgbm-5m", ModelNames.Of(ForecastTarget.Ret1, "lightgbm", fiveMinutes));
        Assert.Equal("ret1-lightgbm", ModelNames.Of(ForecastTarget.Ret1, "lightgbm", BarInterval.Daily));
        Assert.Equal((ForecastTarget.Ret1, "lightgbm"), ModelNames.Parse("ret1-lightgbm-5m"));
        Assert.Equal(fiveMinutes, ModelNames.IntervalOf("ret1-lightgbm-5m"));
        Assert.Equal(BarInterval.Daily, ModelNames.IntervalOf("vol5-har"));
    }

    [Theory]
    [InlineData("ret1-light-gbm", "'gbm' is not a bar interval")]
    [InlineData("ret1-lightgbm-1d", "1d is the default")]
    [InlineData("ret1-lightgbm-5m-x", "is not a model name")]
    public void AMalformedIntervalPartIsRefused(string name, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelNames.Parse(name));
        Assert.Contains(reason, e.Message);
    }
}
