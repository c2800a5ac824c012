using System.Net;
using Confluent.Kafka;
using Project01.Messaging.Kafka;
using System.Runtime.InteropServices;

namespace Project01.Messaging.Embedded;

/// <summary>
/// An in-memory Kafka-protocol broker: librdkafka's mock cluster (one broker), reachable on a fixed loopback port
/// through <see cref="TcpForwarder"/>. Topics must be created up front (the mock does not support CreateTopics).
/// Each partition keeps only ~5 MiB / 100,000 batches and drops the oldest beyond that: the lake, not this broker,
/// is the durable record.
/// </summary>
public sealed class MockKafkaCluster : IAsyncDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly TcpForwarder _forwarder;
    private bool _disposed;

    private MockKafkaCluster(IntPtr handle, IntPtr cluster, TcpForwarder forwarder, string internalBootstrap)
    {
        _handle = handle;
        _cluster = cluster;
        _forwarder = forwarder;
        InternalBootstrap = internalBootstrap;
    }

    /// <summary>What clients use: <c>127.0.0.1:&lt;port&gt;</c>.</summary>
    public string BootstrapServers => $"127.0.0.1:{Port}";

    public int Port => _forwarder.Port;

    /// <summary>The mock's own kernel-chosen address (diagnostics only).</summary>
    public string InternalBootstrap { get; }

    /// <param name="port">The fixed loopback port; 0 picks a free one.</param>
    public static MockKafkaCluster Start(int port, IEnumerable<(string Name, int Partitions)> topics)
    {
        LibRdKafka.EnsureLoaded();
        var errstr = new byte[512];
        var conf = LibRdKafka.ConfNew();
        // A quiet handle whose only job is to own the mock cluster.
        LibRdKafka.ConfSet(conf, "log_level", "3", errstr, (nuint)errstr.Length);
        var handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (handle == IntPtr.Zero) throw new InvalidOperationException("librdkafka: " + LibRdKafka.Text(errstr));

        var cluster = LibRdKafka.MockClusterNew(handle, 1);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.Destroy(handle);
            throw new InvalidOperationException("librdkafka could not create its mock cluster");
        }
        var bootstrap = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(cluster)) ?? "";
        var target = IPEndPoint.Parse(bootstrap.Split(',')[0]);

        TcpForwarder forwarder;
        try
        {
            forwarder = new TcpForwarder(new IPEndPoint(IPAddress.Loopback, port), target);
        }
        catch
        {
            LibRdKafka.MockClusterDestroy(cluster);
            LibRdKafka.Destroy(handle);
            throw;
        }

        var result = new MockKafkaCluster(handle, cluster, forwarder, bootstrap);
        result.Check(LibRdKafka.MockBrokerSetHostPort(cluster, 1, "127.0.0.1", forwarder.Port), "advertise the fixed port");
        // Without this a new consumer group waits ~3 s for more members before its first assignment.
        LibRdKafka.MockGroupInitialRebalanceDelayMs(cluster, 0);
        foreach (var (name, partitions) in topics) result.CreateTopic(name, partitions);
        result.AnnounceIncarnation();
        return result;
    }

    /// <summary>A fresh id for this in-memory cluster, also published on <see cref="KafkaClusterInfo.IncarnationTopic"/>.</summary>
    public string ClusterId { get; } = "embedded-" + Guid.NewGuid().ToString("N")[..12];

    // The mock answers no DescribeCluster request, and offsets restart with every incarnation: clients that key
    // idempotency on offsets read this id from a one-partition topic instead.
    private void AnnounceIncarnation()
    {
        CreateTopic(KafkaClusterInfo.IncarnationTopic, 1);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = BootstrapServers }).Build();
        producer.Produce(KafkaClusterInfo.IncarnationTopic, new Message<Null, string> { Value = ClusterId });
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    public void CreateTopic(string name, int partitions) =>
        Check(LibRdKafka.MockTopicCreate(_cluster, name, partitions, 1), $"create topic '{name}'");

    private void Check(int error, string what)
    {
        if (error != 0) throw new InvalidOperationException($"mock broker could not {what}: {LibRdKafka.ErrorText(error)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _forwarder.DisposeAsync();
        LibRdKafka.MockClusterDestroy(_cluster);
        LibRdKafka.Destroy(_handle);
    }
}
