using Project01.Core.Forecasting;

namespace Project01.Core.Tests.Forecasting;

public sealed class ForecastScaleTests
{
    [Fact]
    public void AVolatilityIntervalScalesWithTheForecastItself()
    {
        // q = 0.5 in units of the forecast: a 2 % volatility forecast gets [1 %, 3 %]; a 6 % one [3 %, 9 %].
        var (lo, hi) = ForecastScale.Interval(0.02, -0.5, 0.5, ForecastScale.OfForecast, double.NaN);
        Assert.Equal(0.01, lo!.Value, 12);
        Assert.Equal(0.03, hi!.Value, 12);
        var (lo6, hi6) = ForecastScale.Interval(0.06, -0.5, 0.5, ForecastScale.OfForecast, double.NaN);
        Assert.Equal(0.03, lo6!.Value, 12);
        Assert.Equal(0.09, hi6!.Value, 12);
    }

    [Fact]
    public void AReturnIntervalScalesWithTheDailyVolatilityRv20Implies()
    {
        // rv20 = 0.01·√252 (annualised) is 1 % a day: q = 1.28 gives ±1.28 %, around the forecast.
        var (lo, hi) = ForecastScale.Interval(0.001, -1.28, 1.28, ForecastScale.OfRv20, 0.01 * Math.Sqrt(252));
        Assert.Equal(0.001 - 0.0128, lo!.Value, 12);
        Assert.Equal(0.001 + 0.0128, hi!.Value, 12);
        Assert.Equal(ForecastScale.OfRv20, ForecastScale.For(ForecastTarget.Ret1));
        Assert.Equal(ForecastScale.OfForecast, ForecastScale.For(ForecastTarget.Vol5));
    }

    [Fact]
    public void WithoutAScaleTheBoundsArePlainOffsetsAndMissingOnesStayMissing()
    {
        Assert.Equal((0.5, 1.5), ForecastScale.Interval(1, -0.5, 0.5, null, double.NaN));
        Assert.Equal((null, null), ForecastScale.Interval(1, null, null, ForecastScale.OfForecast, double.NaN));
        Assert.Throws<ArgumentException>(() => ForecastScale.Of("garch", 1, 1));
    }
}
