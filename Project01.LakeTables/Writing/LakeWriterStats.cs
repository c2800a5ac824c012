using System.Diagnostics.Metrics;

namespace Project01.LakeTables.Writing;

/// <summary>
/// Running totals of a lake writer, readable while it runs (health, API, tests): rows written, messages skipped as
/// already in the lake (a skipped batch message is not decoded, so it counts once), dead letters.
/// </summary>
public sealed class LakeWriterStats
{
    /// <summary>Records the lake writers took from Kafka, by outcome (<c>p01_ingest_records_total</c>): the ingest rate.</summary>
    private static readonly Meter Meter = new("Project01.LakeTables");
    private static readonly Counter<long> Records = Meter.CreateCounter<long>("p01.ingest.records", "{record}", "Records the lake writer took from Kafka, by outcome");

    /// <summary>Zero-valued series from the start, so a writer with nothing new to write (all in the lake already) still
    /// reports its rate as 0 rather than as a gap.</summary>
    public LakeWriterStats()
    {
        foreach (var outcome in new[] { "written", "duplicate", "dead_letter" }) Records.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
    }

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
        if (written > 0) Records.Add(written, new KeyValuePair<string, object?>("outcome", "written"));
        if (skipped > 0) Records.Add(skipped, new KeyValuePair<string, object?>("outcome", "duplicate"));
        if (dead > 0) Records.Add(dead, new KeyValuePair<string, object?>("outcome", "dead_letter"));
        if (version is { } v)
        {
            Interlocked.Increment(ref _commits);
            LastVersion = v;
            LastCommitAt = DateTime.UtcNow;
        }
    }
}
