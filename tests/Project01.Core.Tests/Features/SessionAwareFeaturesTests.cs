using Project01.Core.Features;
using Project01.Core.Market;

namespace Project01.Core.Tests.Features;

public sealed class SessionAwareFeaturesTests
{
    private static readonly BarInterval FiveMinutes = BarInterval.Parse("5m");

    // Two New York sessions of 5-minute bars (09:35 … 16:00 EST = 14:35 … 21:00 UTC), closes moving ±0.1 % a bar,
    // with the second session opening 5 % below the first one's close.
    private static List<Bar> TwoSessions()
    {
        var bars = new List<Bar>();
        var close = 100.0;
        foreach (var day in new[] { new DateTime(2020, 1, 2), new DateTime(2020, 1, 3) })
        {
            if (bars.Count > 0) close *= 0.95;
            for (var t = day.AddHours(14).AddMinutes(35); t <= day.AddHours(21); t = t.AddMinutes(5))
            {
                close *= bars.Count % 2 == 0 ? 1.001 : 0.999;
                bars.Add(Bar.FromClose("X", DateTime.SpecifyKind(t, DateTimeKind.Utc), close));
            }
        }
        return bars;
    }

    [Fact]
    public void TheOvernightGapIsAReturnButNotABarOfVolatility()
    {
        var bars = TwoSessions();
        var intraday = PriceFeatureEngine.ComputeBatch(bars.ToArray(), FiveMinutes);
        var asDays = PriceFeatureEngine.ComputeBatch(bars.ToArray());
        var (rv20, logret, n) = (PriceFeatures.IndexOf("rv20"), PriceFeatures.IndexOf("logret"), PriceFeatures.Count);
        var open = bars.FindIndex(b => b.Time.Day == 3);

        // logret keeps the gap; rv20 leaves it out, so 20 bars into the session it is the in-session volatility again.
        Assert.True(intraday[open * n + logret] < -0.05);
        var perBar = Math.Log(1.001) * Math.Log(1.001); // every in-session squared return is ln(1.001)² (or ln(0.999)², nearly)
        var annual = 252 * 390 / 5.0;
        Assert.Equal(Math.Sqrt(perBar * annual), intraday[(open + 25) * n + rv20], 0.01 * Math.Sqrt(perBar * annual));
        Assert.True(asDays[(open + 5) * n + rv20] > 10 * intraday[(open + 5) * n + rv20] / Math.Sqrt(annual / 252)); // the daily engine counts the gap
        // Everything but rv20 is the same engine's: bar-agnostic indicators agree bar for bar.
        foreach (var name in new[] { "sma20", "rsi14", "macd", "bb_pctb", "logret" })
            for (var i = 0; i < bars.Count; i++)
                Assert.Equal(asDays[i * n + PriceFeatures.IndexOf(name)], intraday[i * n + PriceFeatures.IndexOf(name)]);
    }

    [Fact]
    public void ReturnsWithinSessionsMaskEachSessionsFirst()
    {
        var bars = TwoSessions();
        var returns = bars.Select((b, i) => i == 0 ? double.NaN : Math.Log(b.Close / bars[i - 1].Close)).ToList();
        var masked = MarketTime.WithinSessionReturns(bars.Select(b => b.Time).ToList(), returns);
        var open = bars.FindIndex(b => b.Time.Day == 3);
        Assert.True(double.IsNaN(masked[open]));
        Assert.Equal(returns.Count(double.IsNaN) + 1, masked.Count(double.IsNaN));
    }

    [Theory]
    [InlineData("1m", "1m")]
    [InlineData("60m", "1h")]
    [InlineData("1D", "1d")]
    [InlineData("15m", "15m")]
    public void IntervalsParseAndName(string text, string name) => Assert.Equal(name, BarInterval.Parse(text).ToString());

    [Fact]
    public void TheIntervalOfASeriesIsItsCommonestGap()
    {
        var bars = TwoSessions();
        Assert.Equal(FiveMinutes, BarInterval.Infer(bars.Select(b => b.Time).ToList()));
        Assert.Equal(BarInterval.Daily, BarInterval.Infer([new DateTime(2020, 1, 2), new DateTime(2020, 1, 3), new DateTime(2020, 1, 6)]));
        Assert.Throws<FormatException>(() => BarInterval.Parse("0m"));
    }
}
