using Project01.Core.Market;
using Project01.Ingestion.Replay;
using Confluent.Kafka;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Import;

/// <summary>Into the running platform: accepted bars to <c>ticks</c> as the replay sends them, rejected rows to
/// <c>ticks.dlq</c> with file, line, field and reason, and each adjusted symbol's factors as one
/// <c>price_adjustments</c> record (so raw prices can be shown).</summary>
public sealed class KafkaImportTarget(MarketReplay replay, IProducer<string, byte[]> producer) : IBarImportTarget
{
    public string DeadLetters => Topics.DeadLetter(Topics.Ticks);

    public async Task WriteAsync(string sourceId, IReadOnlyList<ParsedBar> accepted, IReadOnlyDictionary<string, BarInterval> intervals,
        IReadOnlyList<CsvRowError> rejected, CancellationToken ct)
    {
        await replay.PublishAsync(rejected.Select(e => new ParsedBar(e.Line, default, e)).Concat(accepted), sourceId, 0, null, null, ct, intervals);
        foreach (var symbol in accepted.Where(p => p.Adjustment != 1).GroupBy(p => p.Bar.Symbol))
        {
            var record = new PriceAdjustmentsRecord
            {
                Symbol = symbol.Key, Interval = intervals.TryGetValue(symbol.Key, out var i) ? i.ToString() : "1d", IngestTime = DateTime.UtcNow,
                Source = sourceId, Times = [.. symbol.Select(p => p.Bar.Time)], Factors = [.. symbol.Select(p => p.Adjustment)],
            };
            await producer.ProduceAsync(Topics.Ticks, new Message<string, byte[]> { Key = symbol.Key, Value = RecordJson.Serialize(record) }, ct);
        }
    }
}
