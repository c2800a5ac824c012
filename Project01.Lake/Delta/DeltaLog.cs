using Project01.Lake.Storage;

namespace Project01.Lake.Delta;

/// <summary>Reads a table's <c>_delta_log</c>: commit N is <c>_delta_log/{N:D20}.json</c>.</summary>
public sealed class DeltaLog(ILakeStorage storage, string tablePath)
{
    public string TablePath { get; } = tablePath.TrimEnd('/');
    public ILakeStorage Storage { get; } = storage;

    public string CommitPath(long version) => $"{TablePath}/_delta_log/{version:D20}.json";

    public async Task<IReadOnlyList<DeltaAction>?> ReadCommitAsync(long version, CancellationToken ct)
    {
        var path = CommitPath(version);
        var bytes = await Storage.ReadAllBytesAsync(path, ct);
        return bytes is null ? null : DeltaJson.ParseCommit(bytes, path);
    }

    /// <summary>The table at <paramref name="version"/> (latest when null); null if the table does not exist.</summary>
    public async Task<DeltaSnapshot?> SnapshotAsync(long? version, CancellationToken ct)
    {
        var first = await ReadCommitAsync(0, ct);
        if (first is null) return null;
        var snapshot = DeltaSnapshot.First(first, DateTimeOffset.UnixEpoch)
            ?? throw new InvalidDataException($"{CommitPath(0)}: the first commit lacks protocol or metaData");
        return await UpdateAsync(snapshot, version, ct);
    }

    /// <summary>Brings a snapshot forward by reading the commits after it (up to <paramref name="target"/> when given).</summary>
    public async Task<DeltaSnapshot> UpdateAsync(DeltaSnapshot snapshot, long? target, CancellationToken ct)
    {
        while (target is null || snapshot.Version < target)
        {
            var next = snapshot.Version + 1;
            var actions = await ReadCommitAsync(next, ct);
            if (actions is null)
            {
                if (target is not null) throw new ArgumentOutOfRangeException(nameof(target), $"version {target} does not exist; latest is {snapshot.Version}");
                break;
            }
            snapshot = snapshot.Apply(next, actions, snapshot.Timestamp);
        }
        return snapshot;
    }

    /// <summary>Every commit's version, timestamp and commitInfo, oldest first.</summary>
    public async Task<IReadOnlyList<(long Version, DateTimeOffset Timestamp, System.Text.Json.Nodes.JsonObject? Info)>> HistoryAsync(CancellationToken ct)
    {
        var result = new List<(long, DateTimeOffset, System.Text.Json.Nodes.JsonObject?)>();
        for (long v = 0; ; v++)
        {
            var actions = await ReadCommitAsync(v, ct);
            if (actions is null) break;
            var info = actions.Select(a => a.CommitInfo).FirstOrDefault(c => c is not null);
            var ts = info?["timestamp"]?.GetValue<long>() is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
            result.Add((v, ts, info));
        }
        return result;
    }
}
