namespace Project01.Pipelines.Definitions;

/// <summary>What one attempt of a step knows: its run, its attempt number (from 1) and who asked for the run.</summary>
public sealed record StepContext(long RunId, string Pipeline, string Step, int Attempt, string RequestedBy);

/// <summary>
/// The work of a step. Throw to fail the attempt (it is retried while attempts are left); return a one-line summary of
/// what was done, which the run history keeps. Must be safe to run again: a step interrupted by a restart is repeated.
/// </summary>
public interface IPipelineStep
{
    string Name { get; }

    Task<string> RunAsync(StepContext context, CancellationToken ct);
}
