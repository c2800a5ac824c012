using Project01.Core.Market;
using Project01.Ingestion.Replay;
using Project01.Messaging.Kafka;

namespace Project01.Ingestion.Import;

/// <summary>Into the running platform: accepted bars to <c>ticks</c> as the replay sends them, rejected rows to
/// <c>ticks.dlq</c> with file, line, field and reason.</summary>
public sealed class KafkaImportTarget(MarketReplay replay) : IBarImportTarget
{
    public string DeadLetters => Topics.DeadLetter(Topics.Ticks);

    public async Task WriteAsync(string sourceId, IReadOnlyList<ParsedBar> accepted, IReadOnlyDictionary<string, BarInterval> intervals,
        IReadOnlyList<CsvRowError> rejected, CancellationToken ct) =>
        await replay.PublishAsync(rejected.Select(e => new ParsedBar(e.Line, default, e)).Concat(accepted), sourceId, 0, null, null, ct, intervals);
}
