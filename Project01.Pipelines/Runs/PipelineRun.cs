namespace Project01.Pipelines.Runs;

/// <summary>Step states: pending (waiting on others), scheduled (a trigger is stored), running, retrying (failed, another
/// attempt is scheduled), succeeded, failed (out of attempts), skipped (something it depends on failed).</summary>
public static class StepStates
{
    public const string Pending = "pending";
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Retrying = "retrying";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

public static class RunStates
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>What raised an alert: a step out of attempts, or a step (or the run, step "*") past its SLA.</summary>
public static class AlertKinds
{
    public const string Failed = "failed";
    public const string Sla = "sla";
}

public sealed record StepRun(string Step, int Position, string State, int Attempts, DateTime? StartedAt, DateTime? FinishedAt, DateTime? NextAttemptAt,
    string? Output, string? Error);

public sealed record PipelineAlert(long Id, long RunId, string Pipeline, string Step, string Kind, string Message, DateTime At);

public sealed record PipelineRun(long Id, string Pipeline, string Trigger, string RequestedBy, string State, DateTime CreatedAt, DateTime? FinishedAt,
    IReadOnlyList<StepRun> Steps, IReadOnlyList<PipelineAlert> Alerts)
{
    public bool IsFinished => State != RunStates.Running;
}
