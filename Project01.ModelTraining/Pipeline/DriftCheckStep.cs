using Project01.ModelRegistry.Registry;
using Project01.Monitoring.Drift;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>Checks every kept model's champion for drift and stores the report (what the Drift page shows).</summary>
public sealed class DriftCheckStep(RetrainingModels models, ModelRegistryStore registry, DriftMonitor monitor, DriftReportStore reports) : IPipelineStep
{
    public const string StepName = "drift";

    public string Name => StepName;

    public async Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        await reports.EnsureSchemaAsync(ct);
        var lines = new List<string>();
        foreach (var name in models.Names)
        {
            if (await registry.GetByAliasAsync(name, Aliases.Champion, ct) is not { } champion)
            {
                lines.Add($"{name}: no champion yet");
                continue;
            }
            var report = await monitor.RunAsync(champion, ct);
            var a = report.Analysis;
            var latest = a.Dataset.LastOrDefault();
            lines.Add(latest is null
                ? $"{name} v{champion.Version}: no current window to judge"
                : $"{name} v{champion.Version}: {latest.Drifted} of {latest.Judged} inputs in alert ({latest.Start:yyyy-MM}), {(latest.DatasetDrift ? "dataset drift" : "no dataset drift")}");
        }
        return string.Join("; ", lines);
    }
}
