using Project01.Core.Forecasting;
using Project01.ModelTraining.Promotion;

namespace Project01.ModelTraining.Tests;

/// <summary>The promotion policy on constructed series: a clearly better challenger is promoted, an equal one is not.</summary>
public sealed class ChallengerPolicyTests
{
    private static readonly DateTime Day0 = new(2019, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Realized 5-day volatilities around 1 %, with clustering, as the S&P 500's are.</summary>
    private static List<(DateTime Time, double Actual, double Truth)> Volatility(int days, int seed)
    {
        var random = new Random(seed);
        var truth = 0.01;
        var list = new List<(DateTime, double, double)>();
        for (var t = 0; t < days; t++)
        {
            truth = Math.Exp(0.97 * Math.Log(truth) + 0.03 * Math.Log(0.01) + 0.15 * Gaussian(random));
            var realized = truth * Math.Sqrt(ChiSquare5(random) / 5);
            list.Add((Day0.AddDays(t), realized, truth));
        }
        return list;
    }

    [Fact]
    public void AChallengerThatKnowsTheTrueVolatilityIsPromotedOverOneThatIgnoresIt()
    {
        var series = Volatility(250, 1);
        var pairs = series.Select(s => new PairedForecast(s.Time, Champion: 0.01, Challenger: s.Truth, s.Actual)).ToList();
        var decision = ChallengerPolicy.Decide(ForecastTarget.Vol5, pairs);

        Assert.True(decision.Promote, decision.Describe());
        Assert.True(decision.ChallengerLoss < decision.ChampionLoss);
        Assert.Equal(5, decision.Test!.Horizon); // vol5's overlapping 5-day outcomes
        Assert.StartsWith("promoted by policy: DM p=0.00", decision.Describe());
        Assert.Contains("qlike", decision.Describe());
        Assert.Contains("2019-01-02..2019-09-08", decision.Describe());
    }

    [Fact]
    public void AnEqualChallengerIsNotPromoted()
    {
        // Two forecasts of the same quality: the truth blurred by independent noise of the same size.
        var random = new Random(2);
        var series = Volatility(400, 2);
        var pairs = series.Select(s => new PairedForecast(s.Time, s.Truth * Math.Exp(0.2 * Gaussian(random)), s.Truth * Math.Exp(0.2 * Gaussian(random)), s.Actual)).ToList();
        var decision = ChallengerPolicy.Decide(ForecastTarget.Vol5, pairs);

        Assert.False(decision.Promote, decision.Describe());
        Assert.True(decision.Test!.PValue > ChallengerPolicy.Significance);
        Assert.StartsWith("kept the champion: DM p=", decision.Describe());
    }

    [Fact]
    public void AWorseChallengerIsNotPromotedAndTheReasonSaysSo()
    {
        var series = Volatility(250, 3);
        var pairs = series.Select(s => new PairedForecast(s.Time, Champion: s.Truth, Challenger: 0.01, s.Actual)).ToList();
        var decision = ChallengerPolicy.Decide(ForecastTarget.Vol5, pairs);
        Assert.False(decision.Promote);
        Assert.EndsWith("not better", decision.Describe());
    }

    [Fact]
    public void APanelIsTestedOnDaysNotRows()
    {
        // Ten symbols a day, ret1 squared errors: 60 days of evidence, not 600 rows.
        var random = new Random(4);
        var pairs = Enumerable.Range(0, 60).SelectMany(d => Enumerable.Range(0, 10).Select(_ =>
        {
            var signal = 0.01 * Gaussian(random);
            var actual = signal + 0.01 * Gaussian(random);
            return new PairedForecast(Day0.AddDays(d), Champion: 0, Challenger: signal, actual);
        })).ToList();
        var decision = ChallengerPolicy.Decide(ForecastTarget.Ret1, pairs);
        Assert.Equal(60, decision.Test!.Periods);
        Assert.Equal(1, decision.Test.Horizon);
        Assert.Equal("squared_error", decision.Metric);
        Assert.True(decision.Promote, decision.Describe());
    }

    [Fact]
    public void TooShortAWindowKeepsTheChampion()
    {
        var pairs = Volatility(30, 5).Select(s => new PairedForecast(s.Time, 0.01, s.Truth, s.Actual)).ToList();
        var decision = ChallengerPolicy.Decide(ForecastTarget.Vol5, pairs);
        Assert.False(decision.Promote);
        Assert.Null(decision.Test);
        Assert.Contains("30 out-of-sample days both forecast, the test needs 50", decision.Describe());
    }

    [Fact]
    public void QlikeLossIsZeroForAPerfectForecastAndUndefinedForAZeroOutcome()
    {
        Assert.Equal(0, ChallengerPolicy.Loss(ForecastTarget.Vol5, 0.02, 0.02), 12);
        // ratio 4: 4 − ln 4 − 1.
        Assert.Equal(3 - Math.Log(4), ChallengerPolicy.Loss(ForecastTarget.Vol5, 0.01, 0.02), 12);
        Assert.True(double.IsNaN(ChallengerPolicy.Loss(ForecastTarget.Vol5, 0.01, 0)));
        Assert.Equal(0.25, ChallengerPolicy.Loss(ForecastTarget.Dir1, 0.5, 1), 12);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double ChiSquare5(Random random) => Enumerable.Range(0, 5).Sum(_ => Math.Pow(Gaussian(random), 2));
}
