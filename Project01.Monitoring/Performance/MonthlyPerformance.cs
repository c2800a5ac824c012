using Project01.Modeling.Evaluation;

namespace Project01.Monitoring.Performance;

/// <summary>How a model's out-of-sample forecasts did in one calendar month (by the time the outcome was known).</summary>
/// <param name="Ic">Pearson correlation of forecast and outcome; NaN with fewer than 3 pairs or no variation.</param>
/// <param name="HitRate">Share of outcomes whose sign the forecast got right.</param>
public sealed record MonthPerformance(DateTime Month, int Count, double Ic, double RankIc, double HitRate, double Rmse, double NaiveRmse);

public static class MonthlyPerformance
{
    /// <summary>
    /// Forecast quality month by month: is the model still working, and since when not? The naive RMSE is that of
    /// forecasting 0 (no change), the bar a return forecast must clear.
    /// </summary>
    public static IReadOnlyList<MonthPerformance> Compute(IEnumerable<(DateTime TargetTime, double Predicted, double Actual)> outcomes)
    {
        var result = new List<MonthPerformance>();
        foreach (var month in outcomes.Where(o => double.IsFinite(o.Predicted) && double.IsFinite(o.Actual))
                     .GroupBy(o => new DateTime(o.TargetTime.Year, o.TargetTime.Month, 1, 0, 0, 0, DateTimeKind.Utc)).OrderBy(g => g.Key))
        {
            var predicted = month.Select(o => o.Predicted).ToArray();
            var actual = month.Select(o => o.Actual).ToArray();
            var enough = predicted.Length >= 3;
            result.Add(new MonthPerformance(month.Key, predicted.Length,
                enough ? ForecastMetrics.InformationCoefficient(predicted, actual) : double.NaN,
                enough ? ForecastMetrics.RankInformationCoefficient(predicted, actual) : double.NaN,
                ForecastMetrics.DirectionalAccuracy(predicted, actual),
                ForecastMetrics.Rmse(predicted, actual),
                ForecastMetrics.Rmse(new double[actual.Length], actual)));
        }
        return result;
    }
}
