namespace Project01.Ingestion.Replay;

public sealed record ReplayProgress(long Lines, long Produced, long DeadLettered);

public sealed record ReplayResult(
    string Source,
    long Lines,
    long Produced,
    long DeadLettered,
    DateTime? FirstEventTime,
    DateTime? LastEventTime,
    TimeSpan Elapsed)
{
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Produced / Elapsed.TotalSeconds : 0;
}
