using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>Quotes from <c>ticks</c> into <c>raw.quotes</c>.</summary>
public sealed class QuotesSink : LakeSink<QuoteRecord>
{

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("bid_price", LakeType.Double, Nullable: false),
        new LakeField("bid_size", LakeType.Long, Nullable: false),
        new LakeField("ask_price", LakeType.Double, Nullable: false),
        new LakeField("ask_size", LakeType.Long, Nullable: false),
        new LakeField("bid_exchange", LakeType.String),
        new LakeField("ask_exchange", LakeType.String));

    public override string Topic => Topics.Ticks;
    public override IReadOnlyList<string> Kinds { get; } = [QuoteRecord.KindName];
    public override TableName Table => LakeCatalog.Quotes;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<QuoteRecord> into, out string? error) => One(RecordJson.TryDeserializeQuote(json, out error), into);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<QuoteRecord>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.Symbol).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.BidPrice).ToArray(), rows.Select(r => r.Record.BidSize).ToArray(),
        rows.Select(r => r.Record.AskPrice).ToArray(), rows.Select(r => r.Record.AskSize).ToArray(),
        rows.Select(r => r.Record.BidExchange).ToArray(), rows.Select(r => r.Record.AskExchange).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
