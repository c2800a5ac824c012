using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>One bar's adjustment as it lands.</summary>
public readonly record struct ArrivedAdjustment(string Symbol, string Interval, DateTime EventTime, double Factor, DateTime IngestTime, string Source);

/// <summary>Price adjustments (kind <c>price_adjustments</c>) from <c>ticks</c> into <c>raw.price_adjustments</c>: what
/// turns the stored adjusted bars back into raw prices for display.</summary>
public sealed class PriceAdjustmentsSink : LakeSink<ArrivedAdjustment>
{
    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("interval", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("factor", LakeType.Double, Nullable: false));

    public override string Topic => Topics.Ticks;
    public override IReadOnlyList<string> Kinds { get; } = [PriceAdjustmentsRecord.KindName];
    public override TableName Table => LakeCatalog.PriceAdjustments;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<ArrivedAdjustment> into, out string? error)
    {
        if (RecordJson.TryDeserializeAdjustments(json, out error) is not { } record) return false;
        for (var i = 0; i < record.Times.Count; i++)
            into.Add(new ArrivedAdjustment(record.Symbol, record.Interval, record.Times[i], record.Factors[i], record.IngestTime, record.Source));
        return true;
    }

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<ArrivedAdjustment>> rows) => Batch(rows);

    public static RecordBatch Batch(IReadOnlyList<LakeRow<ArrivedAdjustment>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.Symbol).ToArray(), rows.Select(r => r.Record.Interval).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.Factor).ToArray(), .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
