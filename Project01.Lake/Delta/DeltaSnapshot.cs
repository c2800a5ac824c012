using Project01.Lake.Schema;

namespace Project01.Lake.Delta;

/// <summary>The state of a table at one version: schema, live files and application transaction versions.</summary>
public sealed class DeltaSnapshot
{
    private readonly Dictionary<string, AddAction> _files;
    private readonly Dictionary<string, long> _txns;
    private readonly Dictionary<string, RemoveAction> _tombstones;

    internal DeltaSnapshot(long version, ProtocolAction protocol, MetadataAction metadata, Dictionary<string, AddAction> files,
        Dictionary<string, long> txns, Dictionary<string, RemoveAction> tombstones, DateTimeOffset timestamp)
    {
        Version = version;
        Protocol = protocol;
        Metadata = metadata;
        _files = files;
        _txns = txns;
        _tombstones = tombstones;
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

    /// <summary>Files removed and not re-added since: the tombstones a checkpoint keeps for VACUUM.</summary>
    public IReadOnlyCollection<RemoveAction> Tombstones => _tombstones.Values;

    /// <summary>The highest version committed under <paramref name="appId"/>, or -1 when none.</summary>
    public long TransactionVersion(string appId) => _txns.TryGetValue(appId, out var v) ? v : -1;

    public long NumRecords => _files.Values.Sum(f => FileStats.Parse(f.Stats)?.NumRecords ?? 0);

    /// <summary>Applies the actions of the next commit, producing the next version.</summary>
    internal DeltaSnapshot Apply(long version, IReadOnlyList<DeltaAction> actions, DateTimeOffset fallbackTimestamp)
    {
        var files = new Dictionary<string, AddAction>(_files, StringComparer.Ordinal);
        var txns = new Dictionary<string, long>(_txns, StringComparer.Ordinal);
        var tombstones = new Dictionary<string, RemoveAction>(_tombstones, StringComparer.Ordinal);
        var protocol = Protocol;
        var metadata = Metadata;
        var timestamp = fallbackTimestamp;
        foreach (var a in actions) Reduce(a, files, txns, tombstones, ref protocol, ref metadata, ref timestamp);
        return new DeltaSnapshot(version, protocol, metadata, files, txns, tombstones, timestamp);
    }

    internal static DeltaSnapshot? First(IReadOnlyList<DeltaAction> actions, DateTimeOffset fallbackTimestamp) =>
        FromActions(0, actions, fallbackTimestamp);

    /// <summary>The state that a complete set of actions describes: commit 0, or a checkpoint at <paramref name="version"/>.
    /// Null when protocol or metaData is missing.</summary>
    internal static DeltaSnapshot? FromActions(long version, IReadOnlyList<DeltaAction> actions, DateTimeOffset fallbackTimestamp)
    {
        var files = new Dictionary<string, AddAction>(StringComparer.Ordinal);
        var txns = new Dictionary<string, long>(StringComparer.Ordinal);
        var tombstones = new Dictionary<string, RemoveAction>(StringComparer.Ordinal);
        ProtocolAction? protocol = null;
        MetadataAction? metadata = null;
        var timestamp = fallbackTimestamp;
        foreach (var a in actions) Reduce(a, files, txns, tombstones, ref protocol!, ref metadata!, ref timestamp);
        if (protocol is null || metadata is null) return null;
        return new DeltaSnapshot(version, protocol, metadata, files, txns, tombstones, timestamp);
    }

    /// <summary>
    /// The reconciled state as a checkpoint stores it (PROTOCOL.md "Checkpoints"): protocol, metaData, every txn and live
    /// add, and the tombstones removed at or after <paramref name="tombstonesSince"/>. commitInfo is not kept.
    /// </summary>
    internal IReadOnlyList<DeltaAction> CheckpointActions(DateTimeOffset tombstonesSince)
    {
        var since = tombstonesSince.ToUnixTimeMilliseconds();
        var actions = new List<DeltaAction>(2 + _txns.Count + _files.Count + _tombstones.Count)
        {
            new() { Protocol = Protocol },
            new() { Metadata = Metadata },
        };
        actions.AddRange(_txns.Select(t => new DeltaAction { Txn = new TxnAction(t.Key, t.Value, null) }));
        actions.AddRange(_files.Values.Select(f => new DeltaAction { Add = f }));
        actions.AddRange(_tombstones.Values.Where(r => (r.DeletionTimestamp ?? 0) >= since).Select(r => new DeltaAction { Remove = r }));
        return actions;
    }

    private static void Reduce(DeltaAction a, Dictionary<string, AddAction> files, Dictionary<string, long> txns,
        Dictionary<string, RemoveAction> tombstones, ref ProtocolAction protocol, ref MetadataAction metadata, ref DateTimeOffset timestamp)
    {
        if (a.Protocol is { } p)
        {
            if (p.MinReaderVersion > 1)
                throw new NotSupportedException($"table needs Delta reader version {p.MinReaderVersion}; this lake reads version 1");
            protocol = p;
        }
        if (a.Metadata is { } m) metadata = m;
        if (a.Add is { } add)
        {
            var path = Uri.UnescapeDataString(add.Path);
            files[path] = add;
            tombstones.Remove(path);
        }
        if (a.Remove is { } remove)
        {
            var path = Uri.UnescapeDataString(remove.Path);
            files.Remove(path);
            tombstones[path] = remove;
        }
        if (a.Txn is { } txn) txns[txn.AppId] = txn.Version;
        if (a.CommitInfo?["timestamp"]?.GetValue<long>() is { } ms) timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
