using Project01.Modeling.Evaluation;

namespace Project01.Modeling.Tests;

public sealed class MetricsTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void QlikeIsZeroForAPerfectForecastAndHandComputedOtherwise()
    {
        Assert.Equal(0, ForecastMetrics.Qlike([0.02, 0.03], [0.02, 0.03]), 15);
        // σ = 0.02 forecast 0.01: ratio 4 → 4 − ln 4 − 1; σ = 0.01 forecast 0.02: ratio 0.25 → 0.25 − ln 0.25 − 1.
        var expected = ((4 - Math.Log(4) - 1) + (0.25 - Math.Log(0.25) - 1)) / 2;
        Assert.Equal(expected, ForecastMetrics.Qlike([0.01, 0.02], [0.02, 0.01]), 12);
        // Under-prediction by the same factor costs more than over-prediction.
        Assert.True(ForecastMetrics.Qlike([0.01], [0.02]) > ForecastMetrics.Qlike([0.04], [0.02]));
        // A non-positive forecast is floored, a zero outcome left out.
        Assert.Equal(ForecastMetrics.Qlike([1e-4], [0.02]), ForecastMetrics.Qlike([-0.5, 0.03], [0.02, 0]), 12);
    }

    [Fact]
    public void RSquaredAccuracyAndBrier()
    {
        // Outcomes 1, 2, 3 (mean 2, SST 2); forecasts 1, 2, 4: SSE 1 → R² 0.5.
        Assert.Equal(0.5, ForecastMetrics.RSquared([1, 2, 4], [1, 2, 3]), 15);
        Assert.Equal(2.0 / 3, ForecastMetrics.Accuracy([0.9, 0.2, 0.6], [1, 0, 0]), 15);
        Assert.Equal((0.01 + 0.04 + 0.36) / 3, ForecastMetrics.Brier([0.9, 0.2, 0.6], [1, 0, 0]), 15);
    }

    [Fact]
    public void DailyRankIcAndIcir()
    {
        // Day 1: forecasts rank the outcomes perfectly (+1); day 2: exactly reversed (−1); day 3: ranks 1,2,3 vs 1,3,2 (+0.5).
        (DateTime, double, double)[] rows =
        [
            (Day0, 1, 10), (Day0, 2, 20), (Day0, 3, 30),
            (Day0.AddDays(1), 1, 30), (Day0.AddDays(1), 2, 20), (Day0.AddDays(1), 3, 10),
            (Day0.AddDays(2), 1, 1), (Day0.AddDays(2), 2, 3), (Day0.AddDays(2), 3, 2),
            (Day0.AddDays(3), 1, 5), (Day0.AddDays(3), 2, 6), // two names: left out
        ];
        var daily = CrossSectionalIc.Daily(rows);
        Assert.Equal([1, -1, 0.5], daily.Select(d => Math.Round(d.RankIc, 12)));
        var summary = CrossSectionalIc.Summarise(rows);
        var mean = 0.5 / 3;
        var sd = Math.Sqrt((Math.Pow(1 - mean, 2) + Math.Pow(-1 - mean, 2) + Math.Pow(0.5 - mean, 2)) / 2);
        Assert.Equal(mean, summary.Mean, 12);
        Assert.Equal(sd, summary.StandardDeviation, 12);
        Assert.Equal(mean / sd, summary.Icir, 12);
        Assert.Equal(3, summary.Dates);
    }
}
