using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

/// <summary>
/// Produce/consume spans with the W3C trace context carried in message headers, so one trace follows a record from
/// the source through the broker into the lake and the feature store.
/// </summary>
public static class KafkaTracing
{
    public const string SourceName = "Project01.Kafka";
    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartProduce(string topic)
    {
        var activity = Source.StartActivity($"{topic} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.operation.type", "publish");
        return activity;
    }

    /// <summary>Writes the current (or given) activity's context into the headers.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        if (activity is null) return;
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, key, value) =>
        {
            if (carrier is Headers h && value is not null)
            {
                h.Remove(key);
                h.Add(key, Encoding.UTF8.GetBytes(value));
            }
        });
    }

    /// <summary>The producer's trace context carried in a message's headers (default when there is none).</summary>
    public static ActivityContext ContextOf(Headers? headers)
    {
        if (headers is null) return default;
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (carrier, key, out value, out values) =>
        {
            values = null;
            value = carrier is Headers h && h.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, out var context) ? context : default;
    }

    /// <summary>Most producer contexts one batch span links to (a batch of a replay holds thousands of records).</summary>
    public const int MaxLinks = 1_000;

    /// <summary>
    /// A span over a batch of consumed records, linked to each record's producer context (OpenTelemetry's way for
    /// batches, which mix traces): a record's trace leads from its publish span to the batch that processed it.
    /// </summary>
    public static Activity? StartBatch<TKey, TValue>(string name, IReadOnlyList<ConsumeResult<TKey, TValue>> batch, string consumerGroup)
    {
        if (!Source.HasListeners()) return null;
        var links = new List<ActivityLink>();
        var seen = new HashSet<ActivityTraceId>();
        foreach (var r in batch)
        {
            var context = ContextOf(r.Message.Headers);
            if (context == default || !seen.Add(context.TraceId)) continue;
            links.Add(new ActivityLink(context));
            if (links.Count == MaxLinks) break;
        }
        var activity = Source.StartActivity(name, ActivityKind.Consumer, default(ActivityContext), links: links);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.consumer.group.name", consumerGroup);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        return activity;
    }

    /// <summary>A consumer span parented to the producer's context found in the message headers.</summary>
    public static Activity? StartConsume<TKey, TValue>(ConsumeResult<TKey, TValue> result, string consumerGroup)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity($"{result.Topic} process", ActivityKind.Consumer, ContextOf(result.Message.Headers));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", result.Topic);
        activity?.SetTag("messaging.consumer.group.name", consumerGroup);
        activity?.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.offset", result.Offset.Value);
        return activity;
    }

    /// <summary>Produces one message inside a producer span, with the span's context in the headers.</summary>
    public static async Task<DeliveryResult<TKey, TValue>> ProduceTracedAsync<TKey, TValue>(
        this IProducer<TKey, TValue> producer, string topic, Message<TKey, TValue> message, CancellationToken ct = default)
    {
        using var activity = StartProduce(topic);
        message.Headers ??= [];
        Inject(activity, message.Headers);
        try
        {
            var result = await producer.ProduceAsync(topic, message, ct);
            activity?.SetTag("messaging.destination.partition.id", result.Partition.Value);
            activity?.SetTag("messaging.kafka.offset", result.Offset.Value);
            return result;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }
}
