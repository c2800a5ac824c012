using System.Globalization;
using Project01.Core.Forecasting;
using Project01.Modeling.Evaluation;

namespace Project01.ModelTraining.Promotion;

/// <summary>One out-of-sample outcome both models forecast.</summary>
public readonly record struct PairedForecast(DateTime Time, double Champion, double Challenger, double Actual);

/// <summary>What the policy decided and on what evidence; <see cref="Describe"/> is what the alias history records.</summary>
public sealed record PromotionDecision(
    bool Promote, string Metric, double ChampionLoss, double ChallengerLoss, DieboldMariano.Result? Test, DateTime WindowStart, DateTime WindowEnd, string Why)
{
    public string Describe()
    {
        var window = string.Create(CultureInfo.InvariantCulture, $"{WindowStart:yyyy-MM-dd}..{WindowEnd:yyyy-MM-dd}");
        if (Test is not { } t) return $"{Why} ({window})";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"DM p={t.PValue:F4} (HLN t={t.Statistic:F2}, {t.Periods} days, lag window {t.Horizon}), {Metric} {ChallengerLoss:G4} vs champion {ChampionLoss:G4} on {window}");
        return Promote ? $"promoted by policy: {evidence}" : $"kept the champion: {evidence}; {Why}";
    }
}

/// <summary>
/// Champion and challenger by evidence: the challenger replaces the champion only when its loss on the same
/// out-of-sample window is lower with a one-sided Diebold–Mariano test at 5 %. The loss is the target's agreed
/// measure per forecast — QLIKE for vol5, squared error for ret1 (RMSE's loss), Brier for dir1 — averaged over the
/// symbols of each day first, so a panel's days (not its rows, which move together) are the test's periods.
/// </summary>
public static class ChallengerPolicy
{
    public const double Significance = 0.05;

    /// <summary>Days the test needs; fewer and the champion stays (too little evidence to act on).</summary>
    public const int MinDays = 50;

    public static string MetricOf(ForecastTarget target) => target switch
    {
        ForecastTarget.Vol5 => "qlike",
        ForecastTarget.Ret1 => "squared_error",
        _ => "brier",
    };

    /// <summary>The loss of one forecast, or NaN where it is undefined (QLIKE of a zero realized volatility).</summary>
    public static double Loss(ForecastTarget target, double predicted, double actual) =>
        target == ForecastTarget.Vol5 ? ForecastMetrics.QlikeLoss(predicted, actual) : (predicted - actual) * (predicted - actual);

    public static PromotionDecision Decide(ForecastTarget target, IReadOnlyList<PairedForecast> window)
    {
        var metric = MetricOf(target);
        var days = window
            .Select(p => (p.Time, Champion: Loss(target, p.Champion, p.Actual), Challenger: Loss(target, p.Challenger, p.Actual)))
            .Where(p => double.IsFinite(p.Champion) && double.IsFinite(p.Challenger))
            .GroupBy(p => p.Time.Date)
            .OrderBy(g => g.Key)
            .Select(g => (Day: g.Key, Champion: g.Average(p => p.Champion), Challenger: g.Average(p => p.Challenger)))
            .ToList();
        if (days.Count < MinDays)
        {
            var (from, to) = days.Count > 0 ? (days[0].Day, days[^1].Day) : (default, default);
            return new PromotionDecision(false, metric, double.NaN, double.NaN, null, from, to,
                $"kept the champion: {days.Count} out-of-sample days both forecast, the test needs {MinDays}");
        }
        var champion = days.Select(d => d.Champion).ToArray();
        var challenger = days.Select(d => d.Challenger).ToArray();
        var test = DieboldMariano.Test(champion, challenger, target.Horizon());
        var promote = test.MeanDifference > 0 && test.PValue < Significance;
        var why = promote ? "" : test.MeanDifference > 0 ? $"better, but not significantly at {Significance:P0}" : "not better";
        return new PromotionDecision(promote, metric, champion.Average(), challenger.Average(), test, days[0].Day, days[^1].Day, why);
    }
}
