using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Evaluation;

namespace Project01.Modeling.Tuning;

/// <summary>
/// What a study minimises: the target's loss per forecast averaged over the examples, the same measure the promotion
/// policy compares models by — QLIKE for vol5, squared error for ret1 (MSE), Brier for dir1 (squared error of the
/// probability). Against the real labels, also for panels. Undefined means worst.
/// </summary>
public static class TuningLoss
{
    public static string Name(ForecastTarget target) => target switch
    {
        ForecastTarget.Vol5 => "qlike",
        ForecastTarget.Ret1 => "mse",
        _ => "brier",
    };

    public static double Of(ForecastTarget target, IReadOnlyList<Example> examples, IReadOnlyList<double> predicted)
    {
        if (examples.Count != predicted.Count) throw new ArgumentException($"{predicted.Count} forecasts for {examples.Count} examples");
        var p = predicted.ToArray();
        var a = examples.Select(e => e.Label).ToArray();
        var loss = target == ForecastTarget.Vol5 ? ForecastMetrics.Qlike(p, a) : Square(ForecastMetrics.Rmse(p, a));
        return double.IsNaN(loss) ? double.PositiveInfinity : loss;
    }

    private static double Square(double x) => x * x;
}
