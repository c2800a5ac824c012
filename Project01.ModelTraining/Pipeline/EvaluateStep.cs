using System.Globalization;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>
/// A gate on the newest version of each kept model: on its untouched test span it must beat the naive forecast on the
/// target's measure (QLIKE for vol5, RMSE for ret1, Brier for dir1). A model that does not is an alert, not a model.
/// </summary>
public sealed class EvaluateStep(RetrainingModels models, ModelRegistryStore registry) : IPipelineStep
{
    public const string StepName = "evaluate";

    public string Name => StepName;

    public static string MeasureOf(ForecastTarget target) => target switch
    {
        ForecastTarget.Vol5 => "qlike",
        ForecastTarget.Ret1 => "rmse",
        _ => "brier",
    };

    public async Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        var lines = new List<string>();
        var worse = new List<string>();
        foreach (var name in models.Names)
        {
            if ((await registry.ListAsync(name, ct)).FirstOrDefault() is not { } newest)
            {
                lines.Add($"{name}: no version");
                continue;
            }
            var measure = MeasureOf(ForecastTargets.Parse(newest.Target));
            if (!newest.Metrics.TryGetValue($"test_{measure}", out var model) || !newest.Metrics.TryGetValue($"naive_test_{measure}", out var naive))
            {
                lines.Add($"{name} v{newest.Version}: no test {measure} recorded");
                continue;
            }
            var line = string.Create(CultureInfo.InvariantCulture, $"{name} v{newest.Version}: test {measure} {model:G4} vs naive {naive:G4}");
            lines.Add(line);
            if (!(model < naive)) worse.Add(line);
        }
        if (worse.Count > 0) throw new InvalidOperationException($"not better than the naive forecast: {string.Join("; ", worse)}");
        return string.Join("; ", lines);
    }
}
