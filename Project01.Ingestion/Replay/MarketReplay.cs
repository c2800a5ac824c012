using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Project01.Core.Market;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Replay;

/// <summary>
/// Replays bars into <c>ticks</c>, keyed by symbol; invalid rows go to <c>ticks.dlq</c> with file, line, field and reason
/// (logged too) while the rest goes on. Speed 0 replays as fast as possible, packing up to <see cref="BatchSize"/> bars
/// of a symbol into one <c>bars</c> message so Kafka's per-message cost is paid once per batch. Speed s &gt; 0 plays like
/// a live feed: one <c>bar</c> message per bar, spaced by (Δevent time)/s (s = 86,400 plays a day per second).
/// </summary>
public sealed partial class MarketReplay(IProducer<string, byte[]> producer, ILogger<MarketReplay> logger)
{
    public const int BatchSize = 500;

    public async Task<ReplayResult> RunAsync(ReplayInput input, double speed = 0, IProgress<ReplayProgress>? progress = null,
        CancellationToken ct = default)
    {
        using var text = input.Open();
        var rows = new MarketCsvReader(input.DisplayName, input.DefaultSymbol).ReadAll(text);
        return await PublishAsync(rows, input.SourceId, speed, progress, throttle: null, ct);
    }

    /// <param name="throttle">Called after each message with the bars produced so far; may wait (back-pressure).</param>
    /// <param name="intervals">The bar interval of each intraday symbol: its bars go as <c>intraday_bars</c> batches.
    /// Symbols not named are daily.</param>
    public async Task<ReplayResult> PublishAsync(IEnumerable<ParsedBar> rows, string sourceId, double speed, IProgress<ReplayProgress>? progress,
        Func<long, CancellationToken, ValueTask>? throttle, CancellationToken ct, IReadOnlyDictionary<string, BarInterval>? intervals = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        var started = Stopwatch.StartNew();
        var topic = Topics.Ticks;
        long lines = 0, produced = 0, dead = 0, failed = 0;
        DateTime? first = null, last = null;
        Error? firstError = null;
        var pending = new Dictionary<string, List<Bar>>(StringComparer.Ordinal);

        // One span for the whole replay; its context rides in every message so downstream spans join the trace.
        using var activity = KafkaTracing.StartProduce(topic);
        activity?.SetTag("project01.replay.source", sourceId);
        var headers = new Headers();
        KafkaTracing.Inject(activity, headers);

        void OnDelivery(DeliveryReport<string, byte[]> report)
        {
            if (!report.Error.IsError) return;
            Interlocked.Increment(ref failed);
            Interlocked.CompareExchange(ref firstError, report.Error, null);
        }

        async ValueTask Flush(string symbol, List<Bar> bars)
        {
            var now = DateTime.UtcNow;
            BarInterval? interval = intervals is not null && intervals.TryGetValue(symbol, out var i) && !i.IsDaily ? i : null;
            var value = bars.Count == 1 && speed > 0 && interval is null
                ? RecordJson.Serialize(BarRecord.From(bars[0], now, sourceId))
                : new BarBatchRecord(symbol, sourceId, now, bars, interval).Serialize();
            Produce(topic, symbol, value, headers, OnDelivery);
            produced += bars.Count;
            bars.Clear();
            if (throttle is not null) await throttle(produced, ct);
        }

        DateTime? previous = null;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            lines++;
            if (row.Error is { } error)
            {
                LogRejected(logger, error.Source, error.Line, error.Field, error.Reason);
                var record = new DeadLetterRecord
                {
                    Topic = topic, Source = sourceId, Line = error.Line, Field = error.Field, Reason = error.Reason,
                    Payload = error.RawLine, RejectedAt = DateTime.UtcNow,
                };
                Produce(Topics.DeadLetter(topic), sourceId, RecordJson.Serialize(record), headers, OnDelivery);
                dead++;
                continue;
            }
            var bar = row.Bar;
            first ??= bar.Time;
            last = bar.Time;
            if (!pending.TryGetValue(bar.Symbol, out var buffer)) pending[bar.Symbol] = buffer = new List<Bar>(BatchSize);
            if (buffer.Count > 0 && bar.Time <= buffer[^1].Time)
                await Flush(bar.Symbol, buffer); // a batch must move forward in time; a repeat or step back starts a new one
            buffer.Add(bar);
            if (speed > 0)
            {
                if (previous is { } p && bar.Time > p)
                    await Task.Delay(TimeSpan.FromTicks((long)Math.Min((bar.Time - p).Ticks / speed, TimeSpan.FromSeconds(10).Ticks)), ct);
                previous = bar.Time;
                await Flush(bar.Symbol, buffer);
            }
            else if (buffer.Count == BatchSize)
            {
                await Flush(bar.Symbol, buffer);
            }
            if (lines % 10_000 == 0) progress?.Report(new ReplayProgress(lines, produced, dead));
        }
        foreach (var (symbol, buffer) in pending)
            if (buffer.Count > 0) await Flush(symbol, buffer);

        // Everything handed to the producer must be acknowledged before the replay counts as done.
        await Task.Run(() => producer.Flush(ct), ct);
        progress?.Report(new ReplayProgress(lines, produced, dead));
        if (Interlocked.Read(ref failed) > 0)
            throw new KafkaException(firstError ?? new Error(ErrorCode.Unknown, "delivery failed"));
        var result = new ReplayResult(sourceId, lines, produced, dead, first, last, started.Elapsed);
        LogCompleted(logger, sourceId, lines, produced, dead, result.RecordsPerSecond);
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
