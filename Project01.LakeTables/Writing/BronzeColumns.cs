using Project01.Lake.Schema;

namespace Project01.LakeTables.Writing;

/// <summary>
/// Columns every bronze table carries besides the record's own: when and from where it arrived, its Kafka position
/// (the exactly-once key) and the ingestion date it is partitioned by (<c>date=YYYY-MM-DD</c>: a day's arrivals are one
/// folder).
/// </summary>
public static class BronzeColumns
{
    public static readonly IReadOnlyList<string> PartitionColumns = ["date"];

    public static IEnumerable<LakeField> Fields =>
    [
        new LakeField("ingest_time", LakeType.Timestamp, Nullable: false),
        new LakeField("source", LakeType.String, Nullable: false),
        new LakeField("kafka_partition", LakeType.Int, Nullable: false),
        new LakeField("kafka_offset", LakeType.Long, Nullable: false),
        // Position inside a batch message (bars replayed many to a message); 0 for single records.
        new LakeField("kafka_index", LakeType.Int, Nullable: false),
        new LakeField("date", LakeType.Date, Nullable: false),
    ];

    /// <summary>
    /// The Delta application id that records the highest offset a table holds from one partition. Offsets restart
    /// with a new cluster (the embedded broker is in memory), so the cluster id is part of the key.
    /// </summary>
    public static string TransactionId(string clusterId, string topic, int partition) => $"kafka:{clusterId}:{topic}:{partition}";

    /// <summary>The bronze columns' arrays for a batch, in <see cref="Fields"/> order.</summary>
    public static Array[] Arrays<T>(IReadOnlyList<LakeRow<T>> rows, Func<T, DateTime> ingestTime, Func<T, string> source)
    {
        var n = rows.Count;
        var ingest = new DateTime[n];
        var src = new string[n];
        var partition = new int[n];
        var offset = new long[n];
        var index = new int[n];
        var date = new DateOnly[n];
        for (var i = 0; i < n; i++)
        {
            ingest[i] = ingestTime(rows[i].Record);
            src[i] = source(rows[i].Record);
            partition[i] = rows[i].Partition;
            offset[i] = rows[i].Offset;
            index[i] = rows[i].Index;
            date[i] = DateOnly.FromDateTime(ingest[i]);
        }
        return [ingest, src, partition, offset, index, date];
    }
}

/// <summary>A decoded record with its Kafka position (and its index inside a batch message).</summary>
public readonly record struct LakeRow<T>(T Record, int Partition, long Offset, int Index);
