using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>Trades from <c>ticks</c> into <c>raw.trades</c>.</summary>
public sealed class TradesSink : LakeSink<TradeRecord>
{

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("price", LakeType.Double, Nullable: false),
        new LakeField("size", LakeType.Long, Nullable: false),
        new LakeField("exchange", LakeType.String),
        new LakeField("trade_id", LakeType.String),
        new LakeField("conditions", LakeType.String));

    public override string Topic => Topics.Ticks;
    public override IReadOnlyList<string> Kinds { get; } = [TradeRecord.KindName];
    public override TableName Table => LakeCatalog.Trades;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<TradeRecord> into, out string? error) => One(RecordJson.TryDeserializeTrade(json, out error), into);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<TradeRecord>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.Symbol).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.Price).ToArray(), rows.Select(r => r.Record.Size).ToArray(),
        rows.Select(r => r.Record.Exchange).ToArray(), rows.Select(r => r.Record.TradeId).ToArray(),
        rows.Select(r => r.Record.Conditions is { Count: > 0 } c ? string.Join(',', c) : null).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
