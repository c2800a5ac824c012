using System.ComponentModel.DataAnnotations;

namespace Project01.LakeTables.Writing;

public sealed class LakeWriterOptions
{
    public const string Section = "LakeWriter";

    public string ConsumerGroup { get; set; } = "lake-writer";

    /// <summary>
    /// Send rejected records to <c>&lt;topic&gt;.dlq</c>. The bronze writer does; a derived stage reading the same topics
    /// (the NLP stage) does not, or every bad record would be dead-lettered twice.
    /// </summary>
    public bool DeadLetters { get; set; } = true;

    /// <summary>Most messages per lake commit.</summary>
    [Range(1, 5_000_000)]
    public int MaxBatchRecords { get; set; } = 100_000;

    /// <summary>Most payload bytes per lake commit (batch messages carry many records each).</summary>
    [Range(1024, 1L << 31)]
    public long MaxBatchBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Longest a record waits in memory before its batch is committed.</summary>
    [Range(10, 60_000)]
    public int MaxBatchDelayMs { get; set; } = 500;
}
