using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Project01.Core.Market;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Replay;

/// <summary>
/// Replays a bar file into <c>ticks</c>: valid rows as versioned bar records keyed by symbol, invalid rows to
/// <c>ticks.dlq</c> with file, line, field and reason (logged too) while the rest goes on. Speed 0 replays as fast as
/// the producer allows; speed s &gt; 0 sleeps (Δevent time)/s between bars (s = 86,400 plays a day per second).
/// </summary>
public sealed partial class MarketReplay(IProducer<string, byte[]> producer, ILogger<MarketReplay> logger)
{
    public async Task<ReplayResult> RunAsync(ReplayInput input, double speed = 0, IProgress<ReplayProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        var started = Stopwatch.StartNew();
        var reader = new MarketCsvReader(input.DisplayName, input.DefaultSymbol);
        var topic = Topics.Ticks;
        var dlq = Topics.DeadLetter(topic);
        long lines = 0, produced = 0, dead = 0, failed = 0;
        DateTime? first = null, last = null;
        Error? firstError = null;

        // One span for the whole replay; its context rides in every message so downstream spans join the trace.
        using var activity = KafkaTracing.StartProduce(topic);
        activity?.SetTag("project01.replay.source", input.SourceId);
        var headers = new Headers();
        KafkaTracing.Inject(activity, headers);

        void OnDelivery(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, report.Error, null);
            }
        }

        using (var text = input.Open())
        {
            DateTime? previous = null;
            foreach (var row in reader.ReadAll(text))
            {
                ct.ThrowIfCancellationRequested();
                lines++;
                var now = DateTime.UtcNow;
                if (row.Error is { } error)
                {
                    LogRejected(logger, error.Source, error.Line, error.Field, error.Reason);
                    var record = new DeadLetterRecord
                    {
                        Topic = topic, Source = input.SourceId, Line = error.Line, Field = error.Field, Reason = error.Reason,
                        Payload = error.RawLine, RejectedAt = now,
                    };
                    Produce(dlq, input.SourceId, RecordJson.Serialize(record), headers, OnDelivery);
                    dead++;
                    continue;
                }
                var bar = row.Bar;
                if (speed > 0 && previous is { } p && bar.Time > p)
                    await Task.Delay(TimeSpan.FromTicks((long)Math.Min((bar.Time - p).Ticks / speed, TimeSpan.FromSeconds(10).Ticks)), ct);
                previous = bar.Time;
                Produce(topic, bar.Symbol, RecordJson.Serialize(BarRecord.From(bar, now, input.SourceId)), headers, OnDelivery);
                produced++;
                first ??= bar.Time;
                last = bar.Time;
                if (lines % 10_000 == 0) progress?.Report(new ReplayProgress(lines, produced, dead));
            }
        }

        // Everything handed to the producer must be acknowledged before the replay counts as done.
        await Task.Run(() => producer.Flush(ct), ct);
        progress?.Report(new ReplayProgress(lines, produced, dead));
        if (Interlocked.Read(ref failed) > 0)
            throw new KafkaException(firstError ?? new Error(ErrorCode.Unknown, "delivery failed"));
        var result = new ReplayResult(input.SourceId, lines, produced, dead, first, last, started.Elapsed);
        LogCompleted(logger, input.SourceId, lines, produced, dead, result.RecordsPerSecond);
        return result;
    }

    private void Produce(string topic, string key, byte[] value, Headers headers, Action<DeliveryReport<string, byte[]>> onDelivery)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: let librdkafka drain its queue, then try again.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rejected {File}:{Line} field '{Field}': {Reason} (sent to ticks.dlq)")]
    private static partial void LogRejected(ILogger logger, string file, long line, string field, string reason);

    [LoggerMessage(LogLevel.Information, "Replayed {Source}: {Lines} lines, {Produced} bars to ticks, {Dead} to ticks.dlq ({Rate:F0} records/s)")]
    private static partial void LogCompleted(ILogger logger, string source, long lines, long produced, long dead, double rate);
}
