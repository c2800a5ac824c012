namespace Project01.LakeTables.Writing;

/// <summary>
/// Running totals of a lake writer, readable while it runs (health, API, tests): rows written, messages skipped as
/// already in the lake (a skipped batch message is not decoded, so it counts once), dead letters.
/// </summary>
public sealed class LakeWriterStats
{
    private long _written;
    private long _skippedDuplicates;
    private long _deadLettered;
    private long _commits;

    public long Written => Interlocked.Read(ref _written);
    public long SkippedDuplicates => Interlocked.Read(ref _skippedDuplicates);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    public long Commits => Interlocked.Read(ref _commits);
    public DateTime? LastCommitAt { get; private set; }
    public long? LastVersion { get; private set; }

    internal void Record(long written, long skipped, long dead, long? version)
    {
        Interlocked.Add(ref _written, written);
        Interlocked.Add(ref _skippedDuplicates, skipped);
        Interlocked.Add(ref _deadLettered, dead);
        if (version is { } v)
        {
            Interlocked.Increment(ref _commits);
            LastVersion = v;
            LastCommitAt = DateTime.UtcNow;
        }
    }
}
