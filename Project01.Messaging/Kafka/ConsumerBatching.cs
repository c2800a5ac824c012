using System.Diagnostics;
using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

public static class ConsumerBatching
{
    /// <summary>
    /// Consumes up to <paramref name="max"/> messages, returning early once <paramref name="maxDelay"/> has passed since
    /// the first one (or after an idle quarter second with none). Blocks the calling thread inside librdkafka. A
    /// subscribed topic that is missing is not an error: the batch carries what the others have. <paramref name="maxBytes"/>
    /// bounds the memory a batch holds when messages carry many records each.
    /// </summary>
    public static List<ConsumeResult<TKey, TValue>> ConsumeBatch<TKey, TValue>(this IConsumer<TKey, TValue> consumer, int max, TimeSpan maxDelay,
        CancellationToken ct, long maxBytes = long.MaxValue)
    {
        var batch = new List<ConsumeResult<TKey, TValue>>();
        Stopwatch? sinceFirst = null;
        long bytes = 0;
        while (batch.Count < max && bytes < maxBytes && !ct.IsCancellationRequested)
        {
            var wait = sinceFirst is null ? TimeSpan.FromMilliseconds(250) : maxDelay - sinceFirst.Elapsed;
            if (wait <= TimeSpan.Zero) break;
            ConsumeResult<TKey, TValue>? result;
            try
            {
                result = consumer.Consume(wait);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal && e.Error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic)
            {
                // A subscribed topic that does not exist (yet): the others keep flowing; librdkafka retries the metadata.
                continue;
            }
            if (result is null)
            {
                if (sinceFirst is not null) break;
                continue;
            }
            if (result.IsPartitionEOF) continue;
            batch.Add(result);
            if (result.Message.Value is byte[] payload) bytes += payload.Length;
            sinceFirst ??= Stopwatch.StartNew();
        }
        return batch;
    }

    /// <summary>The offsets to commit after processing a batch: per partition, one past the highest consumed.</summary>
    public static IEnumerable<TopicPartitionOffset> NextOffsets<TKey, TValue>(this IEnumerable<ConsumeResult<TKey, TValue>> batch) =>
        batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1));
}
