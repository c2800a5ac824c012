using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Project01.Messaging.Embedded;

/// <summary>
/// P/Invoke into librdkafka (shipped by librdkafka.redist) for the mock-cluster API, which Confluent.Kafka does not
/// wrap. The package's default Linux build needs libsasl2, which Debian lacks; its centos8 build does not, so the
/// resolver tries the default first and falls back, as Confluent.Kafka itself does.
/// </summary>
internal static partial class LibRdKafka
{
    private const string Library = "librdkafka";

    static LibRdKafka() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);

    internal static void EnsureLoaded() => RuntimeHelpers.RunClassConstructor(typeof(LibRdKafka).TypeHandle);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return IntPtr.Zero;
        var dirs = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}", "native"),
            AppContext.BaseDirectory,
        };
        var files = OperatingSystem.IsLinux() ? new[] { "librdkafka.so", "centos8-librdkafka.so" }
            : OperatingSystem.IsMacOS() ? ["librdkafka.dylib"] : ["librdkafka.dll"];
        var errors = new List<string>();
        foreach (var dir in dirs)
            foreach (var file in files)
            {
                var candidate = Path.Combine(dir, file);
                if (!File.Exists(candidate)) continue;
                if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
                errors.Add(candidate);
            }
        throw new DllNotFoundException(
            $"librdkafka could not be loaded (tried {string.Join(", ", errors.DefaultIfEmpty("no candidate files under " + dirs[0]))}). " +
            "It ships in the librdkafka.redist package; on Linux its centos8 build needs only glibc, zlib and libstdc++.");
    }

    internal const int ProducerType = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static partial IntPtr New(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial IntPtr MockClusterBootstraps(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void MockGroupInitialRebalanceDelayMs(IntPtr cluster, int delayMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockBrokerSetHostPort(IntPtr cluster, int brokerId, string host, int port);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    internal static partial IntPtr ErrorToString(int error);

    internal static string ErrorText(int error) => Marshal.PtrToStringUTF8(ErrorToString(error)) ?? $"error {error}";

    internal static string Text(byte[] errstr) => System.Text.Encoding.UTF8.GetString(errstr, 0, Math.Max(0, Array.IndexOf(errstr, (byte)0)));
}
