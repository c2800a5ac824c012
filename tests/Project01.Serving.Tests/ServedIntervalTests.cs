using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;
using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

public sealed class ServedIntervalTests
{
    // A ret1 version whose bounds are in units of daily volatility (rv20 / √252): ±1.2 at 80 %, ±1.6 at 90 %.
    private static ModelVersion Version(bool with90) => new("ret1-lightgbm", 7, "ret1", "lightgbm", DateTime.UtcNow, ["logret", "rv20"],
        new Dictionary<string, double>(),
        new Dictionary<string, string>(with90
            ? [new(ForecastScale.Parameter, ForecastScale.OfRv20), new(ForecastScale.Lower90, "-1.6"), new(ForecastScale.Upper90, "1.6")]
            : [new KeyValuePair<string, string>(ForecastScale.Parameter, ForecastScale.OfRv20)]),
        "d", "a", "s", -1.2, 1.2, 0.8);

    [Fact]
    public void TheNinetyPercentIntervalIsWiderAndInTheSameScale()
    {
        double[] vector = [0.001, 0.252]; // rv20 = 25.2 % a year: a daily volatility of 0.252 / √252
        var daily = 0.252 / Math.Sqrt(252);

        var eighty = ServedInterval.For(Version(true), 0.001, vector, null, out _)!.Value;
        var ninety = ServedInterval.For(Version(true), 0.001, vector, 0.9, out _)!.Value;

        Assert.Equal((0.001 - 1.2 * daily, 0.001 + 1.2 * daily, 0.8), (eighty.Lower!.Value, eighty.Upper!.Value, eighty.Coverage!.Value), new TupleComparer());
        Assert.Equal((0.001 - 1.6 * daily, 0.001 + 1.6 * daily, 0.9), (ninety.Lower!.Value, ninety.Upper!.Value, ninety.Coverage!.Value), new TupleComparer());
        Assert.Equal(eighty.Lower, ServedInterval.For(Version(true), 0.001, vector, 0.8, out _)!.Value.Lower);
    }

    [Fact]
    public void AVersionWithoutANinetyPercentIntervalSaysSo()
    {
        Assert.Null(ServedInterval.For(Version(false), 0.001, [0.001, 0.2], 0.9, out var reason));
        Assert.Contains("ret1-lightgbm v7 has no calibrated 90", reason);
    }

    private sealed class TupleComparer : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) a, (double, double, double) b) =>
            Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12 && Math.Abs(a.Item3 - b.Item3) < 1e-12;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
