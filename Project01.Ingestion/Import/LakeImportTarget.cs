using Project01.Core.Market;
using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.LakeTables.Writing;
using Project01.LakeTables.Writing.Sinks;

namespace Project01.Ingestion.Import;

/// <summary>
/// Straight into the lake, without Kafka: accepted bars to <c>raw.bars</c>, or <c>raw.intraday_bars</c> for intraday
/// series (as the lake writer lands them; the Kafka position columns hold partition -1 and the file's line), rejected
/// rows to <c>raw.import_rejects</c>, and the factor of every bar stored adjusted to <c>raw.price_adjustments</c>. Each file's
/// commit carries a Delta transaction named by the file's content, so importing the same file again adds nothing.
/// </summary>
public sealed class LakeImportTarget(Lakehouse lake) : IBarImportTarget
{
    public static TableName Rejects { get; } = new("raw", "import_rejects");

    public static readonly LakeSchema RejectsSchema = new(
    [
        new LakeField("source", LakeType.String, Nullable: false),
        new LakeField("line", LakeType.Long, Nullable: false),
        new LakeField("field", LakeType.String, Nullable: false),
        new LakeField("reason", LakeType.String, Nullable: false),
        new LakeField("payload", LakeType.String, Nullable: false),
        new LakeField("rejected_at", LakeType.Timestamp, Nullable: false),
    ]);

    public string DeadLetters => Rejects.ToString();

    private const int IntradayChunk = 250_000;

    public async Task WriteAsync(string sourceId, IReadOnlyList<ParsedBar> accepted, IReadOnlyDictionary<string, BarInterval> intervals,
        IReadOnlyList<CsvRowError> rejected, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var done = new Dictionary<string, long> { [sourceId] = 1 };
        bool Intraday(ParsedBar p) => intervals.TryGetValue(p.Bar.Symbol, out var i) && !i.IsDaily;
        string IntervalOf(ParsedBar p) => intervals.TryGetValue(p.Bar.Symbol, out var i) ? i.ToString() : "1d";
        var bars = await lake.GetOrCreateTableAsync(LakeCatalog.Bars, BarsSink.TableSchema, BronzeColumns.PartitionColumns, ct);
        var daily = accepted.Where(p => !Intraday(p)).Select(p => new LakeRow<ArrivedBar>(new ArrivedBar(p.Bar, now, sourceId), -1, p.Line, 0)).ToList();
        var result = await bars.AppendAsync(BarsSink.Batch(daily), done, ct);
        if (accepted.Any(Intraday))
        {
            // Minute files run to millions of rows: written in chunks, each its own transaction (named by file content
            // and chunk), so memory stays bounded and a re-run after a crash adds exactly the chunks that are missing.
            var table = await lake.GetOrCreateTableAsync(LakeCatalog.IntradayBars, IntradayBarsSink.TableSchema, BronzeColumns.PartitionColumns, ct);
            foreach (var (chunk, k) in accepted.Where(Intraday).Chunk(IntradayChunk).Select((c, k) => (c, k)))
                await table.AppendAsync(IntradayBarsSink.Batch(chunk.Select(p =>
                    new LakeRow<ArrivedIntradayBar>(new ArrivedIntradayBar(p.Bar, intervals[p.Bar.Symbol], now, sourceId), -1, p.Line, 0)).ToList()),
                    new Dictionary<string, long> { [$"{sourceId}#{k}"] = 1 }, ct);
        }
        if (result.AlreadyCommitted) return;
        if (accepted.Any(p => p.Adjustment != 1))
        {
            // Bars are stored adjusted (what features and labels use); the factors let raw prices be shown as traded.
            var adjustments = await lake.GetOrCreateTableAsync(LakeCatalog.PriceAdjustments, PriceAdjustmentsSink.TableSchema, BronzeColumns.PartitionColumns, ct);
            await adjustments.AppendAsync(PriceAdjustmentsSink.Batch(accepted.Where(p => p.Adjustment != 1).Select(p => new LakeRow<ArrivedAdjustment>(
                new ArrivedAdjustment(p.Bar.Symbol, IntervalOf(p), p.Bar.Time, p.Adjustment, now, sourceId), -1, p.Line, 0)).ToList()), done, ct);
        }
        if (rejected.Count == 0) return;

        var rejects = await lake.GetOrCreateTableAsync(Rejects, RejectsSchema, null, ct);
        await rejects.AppendAsync(new RecordBatch(RejectsSchema,
        [
            rejected.Select(_ => sourceId).ToArray(), rejected.Select(e => e.Line).ToArray(), rejected.Select(e => e.Field).ToArray(),
            rejected.Select(e => e.Reason).ToArray(), rejected.Select(e => e.RawLine).ToArray(), rejected.Select(_ => now).ToArray(),
        ]), done, ct);
    }
}
