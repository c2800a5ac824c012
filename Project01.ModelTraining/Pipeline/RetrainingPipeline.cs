using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>The models the retraining pipeline keeps current (<c>&lt;target&gt;-&lt;algorithm&gt;</c> names).</summary>
public sealed record RetrainingModels(IReadOnlyList<string> Names);

/// <summary>
/// The platform's pipeline: ingest caught up → features settled → drift checked → retrained where the data changed →
/// evaluated against the naive baseline → promotion decided by evidence. Nightly at 02:00 UTC by default
/// (<c>Pipelines:Schedules:retrain</c>), and on demand from the dashboard, the Aspire dashboard or <c>p01 pipeline run</c>.
/// Waiting steps (ingest, features) retry with back-off until the data has arrived; the SLA says by when each must be done.
/// </summary>
public static class RetrainingPipeline
{
    public const string Name = "retrain";
    public const string DefaultSchedule = "0 0 2 * * ?";

    public static PipelineDefinition Definition(string? schedule = DefaultSchedule) => new(Name, schedule,
    [
        new(IngestCaughtUpStep.StepName, [], MaxAttempts: 6, Backoff: TimeSpan.FromSeconds(10), Timeout: TimeSpan.FromMinutes(1), Sla: TimeSpan.FromMinutes(15)),
        new(FeaturesSettledStep.StepName, [IngestCaughtUpStep.StepName], MaxAttempts: 6, Backoff: TimeSpan.FromSeconds(10), Timeout: TimeSpan.FromMinutes(1), Sla: TimeSpan.FromMinutes(30)),
        new(DriftCheckStep.StepName, [FeaturesSettledStep.StepName], MaxAttempts: 3, Backoff: TimeSpan.FromSeconds(30), Timeout: TimeSpan.FromMinutes(10), Sla: TimeSpan.FromMinutes(45)),
        new(RetrainStep.StepName, [DriftCheckStep.StepName], MaxAttempts: 2, Backoff: TimeSpan.FromMinutes(1), Timeout: TimeSpan.FromHours(2), Sla: TimeSpan.FromHours(3)),
        new(EvaluateStep.StepName, [RetrainStep.StepName], MaxAttempts: 2, Backoff: TimeSpan.FromSeconds(30), Timeout: TimeSpan.FromMinutes(5), Sla: TimeSpan.FromHours(3.5)),
        new(PromotionStep.StepName, [EvaluateStep.StepName], MaxAttempts: 2, Backoff: TimeSpan.FromSeconds(30), Timeout: TimeSpan.FromMinutes(5), Sla: TimeSpan.FromHours(4)),
    ]);
}
