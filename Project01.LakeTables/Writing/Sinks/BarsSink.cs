using Project01.Core.Market;
using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>A bar as it lands: the bar, when it arrived and from where.</summary>
public readonly record struct ArrivedBar(Bar Bar, DateTime IngestTime, string Source);

/// <summary>Bars from <c>ticks</c> into <c>raw.bars</c>: single bars (kind <c>bar</c>) and batches of one symbol (kind <c>bars</c>).</summary>
public sealed class BarsSink : LakeSink<ArrivedBar>
{
    /// <summary>A bar table's own fields, in <see cref="Columns"/>' order (the intraday table adds its interval).</summary>
    internal static readonly LakeField[] BarFields =
    [
        new("symbol", LakeType.String, Nullable: false),
        new("event_time", LakeType.Timestamp, Nullable: false),
        new("open", LakeType.Double, Nullable: false),
        new("high", LakeType.Double, Nullable: false),
        new("low", LakeType.Double, Nullable: false),
        new("close", LakeType.Double, Nullable: false),
        new("volume", LakeType.Long, Nullable: false),
    ];

    public static readonly LakeSchema TableSchema = WithBronze(BarFields);

    public override string Topic => Topics.Ticks;
    public override IReadOnlyList<string> Kinds { get; } = [BarRecord.KindName, BarBatchRecord.KindName];
    public override TableName Table => LakeCatalog.Bars;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<ArrivedBar> into, out string? error) =>
        BarMessages.TryRead(json, into, static (bar, ingestTime, source) => new ArrivedBar(bar, ingestTime, source), out error);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<ArrivedBar>> rows) => Batch(rows);

    /// <summary>Rows as the table's columns (also for imports that write the lake without Kafka).</summary>
    public static RecordBatch Batch(IReadOnlyList<LakeRow<ArrivedBar>> rows) =>
        new(TableSchema, [.. Columns(rows.Count, i => rows[i].Record.Bar), .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source)]);

    /// <summary>symbol, event_time, open, high, low, close, volume of <paramref name="n"/> bars: the bar tables' own columns.</summary>
    internal static Array[] Columns(int n, Func<int, Bar> barAt)
    {
        var symbol = new string[n];
        var time = new DateTime[n];
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new long[n];
        for (var i = 0; i < n; i++)
        {
            var b = barAt(i);
            (symbol[i], time[i], open[i], high[i], low[i], close[i], volume[i]) = (b.Symbol, b.Time, b.Open, b.High, b.Low, b.Close, b.Volume);
        }
        return [symbol, time, open, high, low, close, volume];
    }
}
