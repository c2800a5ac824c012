using Project01.Core.Market;
using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>An intraday bar as it lands: the bar, its interval, when it arrived and from where.</summary>
public readonly record struct ArrivedIntradayBar(Bar Bar, BarInterval Interval, DateTime IngestTime, string Source);

/// <summary>Intraday batches (kind <c>intraday_bars</c>) from <c>ticks</c> into <c>raw.intraday_bars</c>, apart from the
/// daily bars so that no reader of days ever sees a minute.</summary>
public sealed class IntradayBarsSink : LakeSink<ArrivedIntradayBar>
{
    public static readonly LakeSchema TableSchema =
        WithBronze([BarsSink.BarFields[0], new LakeField("interval", LakeType.String, Nullable: false), .. BarsSink.BarFields[1..]]);

    public override string Topic => Topics.Ticks;
    public override IReadOnlyList<string> Kinds { get; } = [BarBatchRecord.IntradayKindName];
    public override TableName Table => LakeCatalog.IntradayBars;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<ArrivedIntradayBar> into, out string? error)
    {
        if (BarMessages.TryReadIntraday(json, out error) is not { } batch) return false;
        foreach (var bar in batch.Bars) into.Add(new ArrivedIntradayBar(bar, batch.Interval!.Value, batch.IngestTime, batch.Source));
        return true;
    }

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<ArrivedIntradayBar>> rows) => Batch(rows);

    /// <summary>Rows as the table's columns (also for imports that write the lake without Kafka).</summary>
    public static RecordBatch Batch(IReadOnlyList<LakeRow<ArrivedIntradayBar>> rows)
    {
        var bar = BarsSink.Columns(rows.Count, i => rows[i].Record.Bar);
        var interval = rows.Select(r => r.Record.Interval.ToString()).ToArray();
        return new RecordBatch(TableSchema, [bar[0], interval, .. bar[1..], .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source)]);
    }
}
