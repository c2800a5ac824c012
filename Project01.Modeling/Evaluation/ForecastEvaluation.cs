using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Evaluation;

/// <summary>
/// The measures that fit each target, for any forecast of a set of examples:
/// ret1: IC, rank IC, RMSE, directional accuracy; vol5: RMSE, QLIKE, R² (and IC); dir1: accuracy, Brier (and IC).
/// For panels, also the daily cross-sectional rank IC, its ICIR and the number of dates.
/// </summary>
public static class ForecastEvaluation
{
    public static Dictionary<string, double> Measure(ForecastTarget target, bool panel, IReadOnlyList<Example> examples, IReadOnlyList<double> predicted)
    {
        if (examples.Count != predicted.Count) throw new ArgumentException($"{predicted.Count} forecasts for {examples.Count} examples");
        var p = predicted.ToArray();
        var a = examples.Select(e => e.Label).ToArray();
        var m = new Dictionary<string, double>
        {
            ["ic"] = ForecastMetrics.InformationCoefficient(p, a),
            ["rank_ic"] = ForecastMetrics.RankInformationCoefficient(p, a),
            ["rmse"] = ForecastMetrics.Rmse(p, a),
        };
        switch (target)
        {
            case ForecastTarget.Ret1:
                m["directional_accuracy"] = ForecastMetrics.DirectionalAccuracy(p, a);
                break;
            case ForecastTarget.Vol5:
                m["qlike"] = ForecastMetrics.Qlike(p, a);
                m["r2"] = ForecastMetrics.RSquared(p, a);
                break;
            case ForecastTarget.Dir1:
                m["accuracy"] = ForecastMetrics.Accuracy(p, a);
                m["brier"] = ForecastMetrics.Brier(p, a);
                break;
        }
        if (panel)
        {
            var cs = CrossSectionalIc.Summarise(examples.Select((e, i) => (e.FeatureTime, p[i], a[i])));
            m["daily_rank_ic"] = cs.Mean;
            m["daily_rank_icir"] = cs.Icir;
            m["days"] = cs.Dates;
        }
        return m;
    }

    /// <summary>
    /// The number a tuning run maximises on the validation span: −QLIKE for vol5 (the loss volatility forecasts are
    /// judged by), the mean daily rank IC for panels (ranking symbols is what a cross-sectional strategy uses), the
    /// pooled IC otherwise. Undefined scores count as the worst.
    /// </summary>
    public static double SelectionScore(ForecastTarget target, bool panel, IReadOnlyList<Example> examples, IReadOnlyList<double> predicted)
    {
        var p = predicted.ToArray();
        var a = examples.Select(e => e.Label).ToArray();
        var score = target == ForecastTarget.Vol5 ? -ForecastMetrics.Qlike(p, a)
            : panel ? CrossSectionalIc.Summarise(examples.Select((e, i) => (e.FeatureTime, p[i], a[i]))).Mean
            : ForecastMetrics.InformationCoefficient(p, a);
        return double.IsNaN(score) ? double.NegativeInfinity : score;
    }

    public static string SelectionMeasure(ForecastTarget target, bool panel) =>
        target == ForecastTarget.Vol5 ? "-qlike" : panel ? "daily_rank_ic" : "ic";
}
