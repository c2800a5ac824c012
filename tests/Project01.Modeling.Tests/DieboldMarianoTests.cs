using Project01.Modeling.Evaluation;

namespace Project01.Modeling.Tests;

public sealed class DieboldMarianoTests
{
    [Fact]
    public void OneStepStatisticMatchesTheHandComputedValue()
    {
        // d = 1..5: mean 3, γ0 = (4+1+0+1+4)/5 = 2, var(d̄) = 2/5, DM = 3/√0.4 = √22.5; HLN factor √((5+1−2)/5) = √0.8,
        // so the statistic is √18. Student t with 4 df has F(t) = 1/2 + (3/4)·x·(1 − x²/3), x = t/√(t² + 4).
        double[] a = [2, 4, 6, 8, 10], b = [1, 2, 3, 4, 5];
        var result = DieboldMariano.Test(a, b, horizon: 1);

        var x = Math.Sqrt(18) / Math.Sqrt(22);
        Assert.Equal(3, result.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(18), result.Statistic, 10);
        Assert.Equal(0.5 - 0.75 * x * (1 - x * x / 3), result.PValue, 8);
        Assert.Equal((5, 1), (result.Periods, result.Horizon));
    }

    [Fact]
    public void TheLongRunVarianceAddsTheAutocovariancesUpToTheHorizonLessOne()
    {
        // d = 1, 3, 2, 4, 3, 5: mean 3, deviations −2, 0, −1, 1, 0, 2. γ0 = 10/6, γ1 = (0 + 0 − 1 + 0 + 0)/6 = −1/6.
        // h = 2: var(d̄) = (10/6 − 2/6)/6 = 8/36; DM = 3/√(8/36) = 9/√2; HLN factor √((6+1−4+2/6)/6) = √(10/18).
        double[] a = [1, 3, 2, 4, 3, 5];
        var result = DieboldMariano.Test(a, new double[6], horizon: 2);
        Assert.Equal(9 / Math.Sqrt(2) * Math.Sqrt(10.0 / 18), result.Statistic, 10);
        Assert.Equal(2, result.Horizon);
    }

    [Fact]
    public void ANonPositiveLongRunVarianceFallsBackToOneStep()
    {
        // Alternating deviations: γ1 = −γ0·(n−1)/n, so γ0 + 2γ1 < 0 — forecast::dm.test then uses h = 1.
        double[] a = [2, 0, 2, 0, 2, 0, 2, 0.5];
        var result = DieboldMariano.Test(a, new double[a.Length], horizon: 2);
        Assert.Equal(1, result.Horizon);
        Assert.True(result.Statistic > 0);
    }

    [Fact]
    public void EqualForecastsGiveNoEvidenceAndTheDirectionMatters()
    {
        var random = new Random(3);
        var noise = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        var shuffled = noise.OrderBy(_ => random.Next()).ToArray();
        Assert.InRange(DieboldMariano.Test(noise, shuffled, 1).PValue, 0.05, 0.95);
        Assert.Equal(0.5, DieboldMariano.Test(noise, noise, 1).PValue);

        var better = noise.Select(v => v * 0.8).ToArray();
        Assert.True(DieboldMariano.Test(noise, better, 1).PValue < 1e-6);   // b is better: tiny p
        Assert.True(DieboldMariano.Test(better, noise, 1).PValue > 1 - 1e-6); // b is worse
    }
}
