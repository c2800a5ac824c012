using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

/// <summary>
/// Makes consumers of one configuration (servers, group, logging). A closed consumer cannot be used again, so a worker
/// that starts over after a failure takes a new one from here instead of reusing the one it closed.
/// </summary>
public sealed class KafkaConsumerFactory<TKey, TValue>(Func<IConsumer<TKey, TValue>> create)
{
    public IConsumer<TKey, TValue> Create() => create();
}
