using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Project01.Messaging.Kafka;

/// <summary>
/// For a consumer whose state is rebuilt from a sink and then follows the stream (the feature worker: the lake's bars,
/// then <c>ticks</c>): per partition, the offset below which its state already holds every record. That is the sink's
/// coverage when the state was rebuilt (the sink writer's committed offsets, read before the sink itself), then where
/// this member got to while it held the partition. Each assignment starts there, not at the group's committed offset:
/// a partition handed over by another member (a replica joined or left, one crashed) is read again from where this
/// member's state ends, so records the other member processed are in this member's state too. Records read again
/// compute the same values, written again, idempotently.
/// </summary>
public sealed class PartitionCoverage(string topic)
{
    private readonly ConcurrentDictionary<int, long> _next = new();
    private readonly ConcurrentDictionary<int, byte> _assigned = new();

    public string Topic => topic;

    /// <summary>Set when an assigned partition no longer holds the records this member's state lacks (the broker dropped
    /// them): the state must be rebuilt from the sink.</summary>
    public bool Stale { get; private set; }

    /// <summary>The partitions this member holds now, in order.</summary>
    public IReadOnlyList<int> Assigned => [.. _assigned.Keys.Order()];

    /// <summary>Starts over from the sink's coverage (partition → first offset not in the sink), read before the sink.</summary>
    public void Reset(IReadOnlyDictionary<int, long> sinkCovered)
    {
        _next.Clear();
        _assigned.Clear();
        Stale = false;
        foreach (var (partition, next) in sinkCovered) _next[partition] = next;
    }

    /// <summary>Where each newly assigned partition starts: where this member's state ends (the beginning when nothing
    /// covers it). <paramref name="lowWatermark"/> answers the first offset the broker still holds.</summary>
    public IReadOnlyList<TopicPartitionOffset> Assign(IEnumerable<TopicPartition> partitions, Func<TopicPartition, long?> lowWatermark)
    {
        var starts = new List<TopicPartitionOffset>();
        foreach (var tp in partitions)
        {
            _assigned[tp.Partition.Value] = 0;
            if (tp.Topic != topic || !_next.TryGetValue(tp.Partition.Value, out var next) || next <= 0)
            {
                starts.Add(new TopicPartitionOffset(tp, Offset.Beginning)); // nothing in the sink from it: all the broker holds
                continue;
            }
            if (lowWatermark(tp) is { } low && next < low) Stale = true;
            starts.Add(new TopicPartitionOffset(tp, new Offset(next)));
        }
        return starts;
    }

    /// <summary>Goes on despite <see cref="Stale"/> (a rebuild did not close the gap).</summary>
    public void Accept() => Stale = false;

    public void Revoke(IEnumerable<TopicPartition> partitions)
    {
        foreach (var tp in partitions) _assigned.TryRemove(tp.Partition.Value, out _);
    }

    /// <summary>Records below these offsets are now in this member's state.</summary>
    public void Advance(IEnumerable<TopicPartitionOffset> next)
    {
        foreach (var tpo in next)
            if (tpo.Topic == topic) _next.AddOrUpdate(tpo.Partition.Value, tpo.Offset.Value, (_, was) => Math.Max(was, tpo.Offset.Value));
    }

    /// <summary>The first offset per partition not yet in this member's state.</summary>
    public IReadOnlyDictionary<int, long> Covered => new Dictionary<int, long>(_next);
}

public static class PartitionCoverageExtensions
{
    /// <summary>Starts each assigned partition where <paramref name="coverage"/> says this member's state ends.</summary>
    /// <param name="report">Told each assignment (partition@offset, …) and revocation, for the log.</param>
    public static ConsumerBuilder<TKey, TValue> FollowCoverage<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, PartitionCoverage coverage,
        Action<string>? report = null) =>
        builder
            .SetPartitionsAssignedHandler((consumer, partitions) =>
            {
                var starts = coverage.Assign(partitions, tp => LowWatermark(consumer, tp));
                report?.Invoke($"assigned {string.Join(", ", starts.Select(s => $"{s.Topic}[{s.Partition.Value}]@{s.Offset}"))}");
                return starts;
            })
            .SetPartitionsRevokedHandler((_, partitions) =>
            {
                coverage.Revoke(partitions.Select(p => p.TopicPartition));
                report?.Invoke($"revoked {string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"))}");
            });

    private static long? LowWatermark<TKey, TValue>(IConsumer<TKey, TValue> consumer, TopicPartition tp)
    {
        try
        {
            return consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).Low.Value;
        }
        catch (KafkaException)
        {
            return null; // unknown: assume the broker still holds what is needed
        }
    }
}
