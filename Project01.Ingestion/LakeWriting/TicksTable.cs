using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.Messaging.Records;

namespace Project01.Ingestion.LakeWriting;

/// <summary>
/// The bronze table of everything received on <c>ticks</c>, exactly once per (partition, offset). Partitioned by
/// ingestion date (<c>date=YYYY-MM-DD</c>): the day the record landed, so a day's arrivals are one folder.
/// </summary>
public static class TicksTable
{
    public static readonly TableName Name = new("raw", "ticks");

    public static readonly LakeSchema Schema = new([
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("ingest_time", LakeType.Timestamp, Nullable: false),
        new LakeField("open", LakeType.Double, Nullable: false),
        new LakeField("high", LakeType.Double, Nullable: false),
        new LakeField("low", LakeType.Double, Nullable: false),
        new LakeField("close", LakeType.Double, Nullable: false),
        new LakeField("volume", LakeType.Long, Nullable: false),
        new LakeField("source", LakeType.String, Nullable: false),
        new LakeField("kafka_partition", LakeType.Int, Nullable: false),
        new LakeField("kafka_offset", LakeType.Long, Nullable: false),
        new LakeField("date", LakeType.Date, Nullable: false),
    ]);

    public static readonly IReadOnlyList<string> PartitionColumns = ["date"];

    /// <summary>
    /// The Delta application id that records the highest offset written from one partition. Offsets restart with a
    /// new cluster (the embedded broker is in memory), so the cluster id is part of the key.
    /// </summary>
    public static string TransactionId(string clusterId, string topic, int partition) => $"kafka:{clusterId}:{topic}:{partition}";

    public static RecordBatch ToBatch(IReadOnlyList<(BarRecord Record, int Partition, long Offset)> rows)
    {
        var n = rows.Count;
        var symbol = new string[n];
        var eventTime = new DateTime[n];
        var ingestTime = new DateTime[n];
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new long[n];
        var source = new string[n];
        var partition = new int[n];
        var offset = new long[n];
        var date = new DateOnly[n];
        for (var i = 0; i < n; i++)
        {
            var (r, p, o) = rows[i];
            symbol[i] = r.Symbol;
            eventTime[i] = r.EventTime;
            ingestTime[i] = r.IngestTime;
            open[i] = r.Open;
            high[i] = r.High;
            low[i] = r.Low;
            close[i] = r.Close;
            volume[i] = r.Volume;
            source[i] = r.Source;
            partition[i] = p;
            offset[i] = o;
            date[i] = DateOnly.FromDateTime(r.IngestTime);
        }
        return new RecordBatch(Schema, [symbol, eventTime, ingestTime, open, high, low, close, volume, source, partition, offset, date]);
    }
}
