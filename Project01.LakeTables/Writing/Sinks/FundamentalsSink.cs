using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>Macro and fundamental observations from <c>fundamentals</c> into <c>raw.fundamentals</c>, keeping the date
/// each value became public (what point-in-time joins need).</summary>
public sealed class FundamentalsSink : LakeSink<FundamentalRecord>
{

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("series_id", LakeType.String, Nullable: false),
        new LakeField("observation_date", LakeType.Date, Nullable: false),
        new LakeField("published_date", LakeType.Date, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("value", LakeType.Double, Nullable: false),
        new LakeField("frequency", LakeType.String),
        new LakeField("units", LakeType.String));

    public override string Topic => Topics.Fundamentals;
    public override IReadOnlyList<string> Kinds { get; } = [FundamentalRecord.KindName];
    public override TableName Table => LakeCatalog.Fundamentals;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<FundamentalRecord> into, out string? error) => One(RecordJson.TryDeserializeFundamental(json, out error), into);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<FundamentalRecord>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.SeriesId).ToArray(), rows.Select(r => r.Record.ObservationDate).ToArray(),
        rows.Select(r => r.Record.PublishedDate).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.Value).ToArray(), rows.Select(r => r.Record.Frequency).ToArray(), rows.Select(r => r.Record.Units).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
