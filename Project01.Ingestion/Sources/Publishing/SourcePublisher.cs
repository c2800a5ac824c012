using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Polygon;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Publishing;

/// <summary>Counts since the publisher was created.</summary>
public readonly record struct PublishStats(long Produced, long DeadLettered, long Failed);

/// <summary>
/// Puts source records on their topics: valid ones keyed by symbol (or id), invalid ones and rejected items on
/// <c>&lt;topic&gt;.dlq</c> with the reason, as <see cref="Replay.MarketReplay"/> does: Produce with a delivery handler,
/// back-pressure when librdkafka's queue is full, and a Flush before anything counts as done. For paged sources the
/// cursor is stored only after the page's records are acknowledged, so a crash re-reads a page rather than losing it.
/// </summary>
public sealed partial class SourcePublisher(IProducer<string, byte[]> producer, TimeProvider time, ILogger<SourcePublisher> logger)
{
    private long _produced, _deadLettered, _failed;
    private Error? _firstError;

    public PublishStats Stats => new(Interlocked.Read(ref _produced), Interlocked.Read(ref _deadLettered), Interlocked.Read(ref _failed));

    /// <summary>Validates and produces one record (or dead-letters it); returns whether it went to the primary topic.</summary>
    public bool Publish<T>(T record, RecordRoute<T> route, Headers? headers = null)
    {
        if (route.Validate(record) is { } problem)
        {
            var payload = Encoding.UTF8.GetString(route.Serialize(record));
            DeadLetter(route.Topic, new SourceRejection(SourceOf(record), "", problem, payload), headers);
            return false;
        }
        Produce(route.Topic, route.Key(record), route.Serialize(record), headers);
        Interlocked.Increment(ref _produced);
        return true;
    }

    /// <summary>Sends an item a source could not read to <c>&lt;topic&gt;.dlq</c> with its field and reason.</summary>
    public void DeadLetter(string topic, SourceRejection rejection, Headers? headers = null)
    {
        LogDeadLetter(logger, rejection.Source, rejection.Field, rejection.Reason, Topics.DeadLetter(topic));
        var record = new DeadLetterRecord
        {
            Topic = topic, Source = rejection.Source, Field = rejection.Field.Length == 0 ? null : rejection.Field,
            Reason = rejection.Reason, Payload = rejection.Payload, RejectedAt = time.GetUtcNow().UtcDateTime,
        };
        Produce(Topics.DeadLetter(topic), rejection.Source, RecordJson.Serialize(record), headers);
        Interlocked.Increment(ref _deadLettered);
    }

    /// <summary>Records and rejections of one page; does not wait for delivery.</summary>
    public void Publish<T>(SourcePage<T> page, RecordRoute<T> route)
    {
        using var activity = KafkaTracing.StartProduce(route.Topic);
        var headers = new Headers();
        KafkaTracing.Inject(activity, headers);
        foreach (var record in page.Records) Publish(record, route, headers);
        foreach (var rejection in page.Rejections) DeadLetter(route.Topic, rejection, headers);
    }

    /// <summary>One message of the Polygon stream: trades and quotes to <c>ticks</c>, unreadable events to <c>ticks.dlq</c>.</summary>
    public void Publish(PolygonStreamBatch batch)
    {
        using var activity = KafkaTracing.StartProduce(Topics.Ticks);
        var headers = new Headers();
        KafkaTracing.Inject(activity, headers);
        foreach (var trade in batch.Trades) Publish(trade, RecordRoutes.Trades, headers);
        foreach (var quote in batch.Quotes) Publish(quote, RecordRoutes.Quotes, headers);
        foreach (var rejection in batch.Rejections) DeadLetter(Topics.Ticks, rejection, headers);
    }

    /// <summary>
    /// Drains a paged source: publishes each page, and where the page moves the cursor, waits for delivery and then
    /// stores it. Returns how many records went to the topic and to its dead-letter twin.
    /// </summary>
    public async Task<PublishStats> PublishAsync<T>(IAsyncEnumerable<SourcePage<T>> pages, RecordRoute<T> route, ISourceCursorStore cursors,
        CancellationToken ct = default)
    {
        var before = Stats;
        await foreach (var page in pages.WithCancellation(ct).ConfigureAwait(false))
        {
            Publish(page, route);
            if (page.Cursor is { } cursor)
            {
                await FlushAsync(ct).ConfigureAwait(false);
                await cursors.SetAsync(cursor.Key, cursor.Value, ct).ConfigureAwait(false);
            }
        }
        await FlushAsync(ct).ConfigureAwait(false);
        var after = Stats;
        return new PublishStats(after.Produced - before.Produced, after.DeadLettered - before.DeadLettered, after.Failed - before.Failed);
    }

    /// <summary>Waits until everything produced so far is acknowledged; throws if any delivery failed.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await Task.Run(() => producer.Flush(ct), ct).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _firstError, null) is { } error)
            throw new KafkaException(error);
    }

    private void Produce(string topic, string key, byte[] value, Headers? headers)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, OnDelivery);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: let librdkafka drain its queue, then try again.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (!report.Error.IsError) return;
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstError, report.Error, null);
        LogDeliveryFailed(logger, report.Topic, report.Error.Reason);
    }

    private static string SourceOf<T>(T record) => record switch
    {
        BarRecord r => r.Source,
        TradeRecord r => r.Source,
        QuoteRecord r => r.Source,
        NewsRecord r => r.Source,
        TweetRecord r => r.Source,
        FundamentalRecord r => r.Source,
        _ => typeof(T).Name,
    };

    [LoggerMessage(LogLevel.Warning, "Rejected an item from {Source} (field '{Field}'): {Reason} (sent to {DeadLetterTopic})")]
    private static partial void LogDeadLetter(ILogger logger, string source, string field, string reason, string deadLetterTopic);

    [LoggerMessage(LogLevel.Error, "Delivery to {Topic} failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string topic, string reason);
}
