using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

public sealed class ServedModelsTests
{
    [Fact]
    public void TargetsComeFromTheModelNamesInConfiguredOrder()
    {
        var served = new ServedModels(["vol5-har", "ret1-lightgbm"]);

        Assert.Equal([("vol5-har", "vol5"), ("ret1-lightgbm", "ret1")], served.Models);
        Assert.Equal(["vol5", "ret1"], served.Targets);
    }

    [Fact]
    public void ATargetIsServedExactlyWhenAModelForecastsIt()
    {
        var served = new ServedModels(["ret1-lightgbm", "vol5-har"]);

        Assert.Equal(["ret1", "vol5"], served.Targets);
        Assert.True(served.Serves("ret1"));
        Assert.True(served.Serves("vol5"));
        Assert.False(served.Serves("dir1"));
        Assert.False(served.Serves("RET1"));
        Assert.False(served.Serves("ret1-lightgbm"));
    }

    [Fact]
    public void SeveralModelsOfOneTargetServeItOnce()
    {
        var served = new ServedModels(["ret1-lightgbm", "vol5-har", "ret1-ridge"]);

        Assert.Equal(3, served.Models.Count);
        Assert.Equal(["ret1", "vol5"], served.Targets);
    }

    [Fact]
    public void TheTargetIsTheRegistrysCanonicalName()
    {
        var served = new ServedModels(["DIR1-lightgbm"]);
        Assert.Equal([("DIR1-lightgbm", "dir1")], served.Models);
        Assert.True(served.Serves("dir1"));
    }

    [Fact]
    public void NoModelsServeNothing()
    {
        var served = new ServedModels([]);
        Assert.Empty(served.Targets);
        Assert.False(served.Serves("ret1"));
    }

    [Theory]
    [InlineData("ret1lightgbm", "is not a model name")]
    [InlineData("ret7-lightgbm", "unknown target 'ret7'")]
    [InlineData("ret1-LightGBM", "the algorithm part must be a lower-case word")]
    public void AMalformedNameFailsAtConstruction(string bad, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => new ServedModels(["ret1-lightgbm", bad]));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
