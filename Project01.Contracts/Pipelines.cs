namespace Project01.Contracts;

/// <summary>One step of a pipeline as declared: what it waits on, its attempts and back-off, timeout and SLA (seconds).</summary>
public sealed record PipelineStepDefinitionDto(string Name, IReadOnlyList<string> DependsOn, int MaxAttempts, double BackoffSeconds, double TimeoutSeconds,
    double SlaSeconds);

/// <summary>A pipeline, its schedule (Quartz cron, null = on demand), when it fires next, and its newest run.</summary>
public sealed record PipelineDto(string Name, string? Schedule, DateTimeOffset? NextRunAt, IReadOnlyList<PipelineStepDefinitionDto> Steps, PipelineRunDto? LastRun);

/// <summary>One step of one run: pending, scheduled, running, retrying, succeeded, failed or skipped.</summary>
public sealed record PipelineStepRunDto(string Step, string State, int Attempts, DateTime? StartedAt, DateTime? FinishedAt, DateTime? NextAttemptAt,
    string? Output, string? Error);

/// <summary>A failed step (out of attempts) or a step past its SLA.</summary>
public sealed record PipelineAlertDto(long Id, long RunId, string Pipeline, string Step, string Kind, string Message, DateTime At);

public sealed record PipelineRunDto(long Id, string Pipeline, string Trigger, string RequestedBy, string State, DateTime CreatedAt, DateTime? FinishedAt,
    IReadOnlyList<PipelineStepRunDto> Steps, IReadOnlyList<PipelineAlertDto> Alerts);
