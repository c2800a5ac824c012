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

    /// <summary>A consumer span parented to the producer's context found in the message headers.</summary>
    public static Activity? StartConsume<TKey, TValue>(ConsumeResult<TKey, TValue> result, string consumerGroup)
    {
        if (!Source.HasListeners()) return null;
        DistributedContextPropagator.Current.ExtractTraceIdAndState(result.Message.Headers, static (carrier, key, out value, out values) =>
        {
            values = null;
            value = carrier is Headers h && h.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);
        ActivityContext.TryParse(traceParent, traceState, out var parent);
        var activity = Source.StartActivity($"{result.Topic} process", ActivityKind.Consumer, parent);
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
