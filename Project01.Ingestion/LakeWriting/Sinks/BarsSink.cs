using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.LakeWriting.Sinks;

/// <summary>Bars from <c>ticks</c> into <c>raw.bars</c>.</summary>
public sealed class BarsSink : LakeSink<BarRecord>
{
    public static readonly TableName TableName = new("raw", "bars");

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("open", LakeType.Double, Nullable: false),
        new LakeField("high", LakeType.Double, Nullable: false),
        new LakeField("low", LakeType.Double, Nullable: false),
        new LakeField("close", LakeType.Double, Nullable: false),
        new LakeField("volume", LakeType.Long, Nullable: false));

    public override string Topic => Topics.Ticks;
    public override string Kind => BarRecord.KindName;
    public override TableName Table => TableName;
    public override LakeSchema Schema => TableSchema;

    protected override BarRecord? Decode(ReadOnlySpan<byte> json, out string? error) => RecordJson.TryDeserializeBar(json, out error);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<BarRecord>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.Symbol).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.Open).ToArray(), rows.Select(r => r.Record.High).ToArray(), rows.Select(r => r.Record.Low).ToArray(),
        rows.Select(r => r.Record.Close).ToArray(), rows.Select(r => r.Record.Volume).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
