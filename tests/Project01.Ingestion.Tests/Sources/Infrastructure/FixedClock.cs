namespace Project01.Ingestion.Tests.Sources.Infrastructure;

/// <summary>A wall clock fixed at one instant; timers and delays stay real (only "now" is pinned).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
