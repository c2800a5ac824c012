using Project01.Lake.Schema;

namespace Project01.Lake.Delta;

/// <summary>The state of a table at one version: schema, live files and application transaction versions.</summary>
public sealed class DeltaSnapshot
{
    private readonly Dictionary<string, AddAction> _files;
    private readonly Dictionary<string, long> _txns;

    internal DeltaSnapshot(long version, ProtocolAction protocol, MetadataAction metadata, Dictionary<string, AddAction> files,
        Dictionary<string, long> txns, DateTimeOffset timestamp)
    {
        Version = version;
        Protocol = protocol;
        Metadata = metadata;
        _files = files;
        _txns = txns;
        Timestamp = timestamp;
        Schema = LakeSchema.FromDeltaJson(metadata.SchemaString);
    }

    public long Version { get; }
    public ProtocolAction Protocol { get; }
    public MetadataAction Metadata { get; }
    public LakeSchema Schema { get; }
    public IReadOnlyList<string> PartitionColumns => Metadata.PartitionColumns;

    /// <summary>When the commit that produced this version was made.</summary>
    public DateTimeOffset Timestamp { get; }

    public IReadOnlyCollection<AddAction> Files => _files.Values;
    public IReadOnlyDictionary<string, long> Transactions => _txns;

    /// <summary>The highest version committed under <paramref name="appId"/>, or -1 when none.</summary>
    public long TransactionVersion(string appId) => _txns.TryGetValue(appId, out var v) ? v : -1;

    public long NumRecords => _files.Values.Sum(f => FileStats.Parse(f.Stats)?.NumRecords ?? 0);

    /// <summary>Applies the actions of the next commit, producing the next version.</summary>
    internal DeltaSnapshot Apply(long version, IReadOnlyList<DeltaAction> actions, DateTimeOffset fallbackTimestamp)
    {
        var files = new Dictionary<string, AddAction>(_files, StringComparer.Ordinal);
        var txns = new Dictionary<string, long>(_txns, StringComparer.Ordinal);
        var protocol = Protocol;
        var metadata = Metadata;
        var timestamp = fallbackTimestamp;
        foreach (var a in actions) Reduce(a, files, txns, ref protocol, ref metadata, ref timestamp);
        return new DeltaSnapshot(version, protocol, metadata, files, txns, timestamp);
    }

    internal static DeltaSnapshot? First(IReadOnlyList<DeltaAction> actions, DateTimeOffset fallbackTimestamp)
    {
        var files = new Dictionary<string, AddAction>(StringComparer.Ordinal);
        var txns = new Dictionary<string, long>(StringComparer.Ordinal);
        ProtocolAction? protocol = null;
        MetadataAction? metadata = null;
        var timestamp = fallbackTimestamp;
        foreach (var a in actions) Reduce(a, files, txns, ref protocol!, ref metadata!, ref timestamp);
        if (protocol is null || metadata is null) return null;
        return new DeltaSnapshot(0, protocol, metadata, files, txns, timestamp);
    }

    private static void Reduce(DeltaAction a, Dictionary<string, AddAction> files, Dictionary<string, long> txns,
        ref ProtocolAction protocol, ref MetadataAction metadata, ref DateTimeOffset timestamp)
    {
        if (a.Protocol is { } p)
        {
            if (p.MinReaderVersion > 1)
                throw new NotSupportedException($"table needs Delta reader version {p.MinReaderVersion}; this lake reads version 1");
            protocol = p;
        }
        if (a.Metadata is { } m) metadata = m;
        if (a.Add is { } add) files[Uri.UnescapeDataString(add.Path)] = add;
        if (a.Remove is { } remove) files.Remove(Uri.UnescapeDataString(remove.Path));
        if (a.Txn is { } txn) txns[txn.AppId] = txn.Version;
        if (a.CommitInfo?["timestamp"]?.GetValue<long>() is { } ms) timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
