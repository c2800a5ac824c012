using Project01.ModelRegistry.Registry;
using Project01.ModelTraining.Decay;
using Project01.Monitoring.Drift;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>Checks every kept model's champion for drift and stores the report (what the Drift page shows), and for
/// realised performance decay against the naive forecast (<see cref="PerformanceDecay"/>).</summary>
public sealed class DriftCheckStep(RetrainingModels models, ModelRegistryStore registry, DriftMonitor monitor, DriftReportStore reports, PerformanceDecay decay)
    : IPipelineStep
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
            var drift = latest is null
                ? $"{name} v{champion.Version}: no current window to judge"
                : $"{name} v{champion.Version}: {latest.Drifted} of {latest.Judged} inputs in alert ({latest.Start:yyyy-MM}), {(latest.DatasetDrift ? "dataset drift" : "no dataset drift")}";
            lines.Add($"{drift}; {await DecayAsync(champion, ct)}");
        }
        return string.Join("; ", lines);
    }

    // Decay is a second signal next to drift: a champion it cannot judge (an export ONNX Runtime rejects) is reported,
    // not a failed step.
    private async Task<string> DecayAsync(ModelVersion champion, CancellationToken ct)
    {
        try { return (await decay.CheckAsync(champion, ct)).Describe(); }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            return $"v{champion.Version}: decay not judged: {e.Message}";
        }
    }
}
