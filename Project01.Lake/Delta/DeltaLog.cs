using Project01.Lake.Storage;

namespace Project01.Lake.Delta;

/// <summary>
/// Reads a table's <c>_delta_log</c>: commit N is <c>_delta_log/{N:D20}.json</c>, and every few commits a checkpoint
/// (<c>{N:D20}.checkpoint.parquet</c>) holds the whole state at N so readers can start there.
/// </summary>
public sealed class DeltaLog
{
    public DeltaLog(ILakeStorage storage, string tablePath)
    {
        TablePath = tablePath.TrimEnd('/');
        Storage = storage;
        Checkpoints = new DeltaCheckpoints(this);
    }

    public string TablePath { get; }
    public ILakeStorage Storage { get; }
    /// <summary>Written by commits every <see cref="DeltaCheckpoints.DefaultInterval"/> versions; readers start from them.</summary>
    public DeltaCheckpoints Checkpoints { get; }

    public string CommitPath(long version) => $"{TablePath}/_delta_log/{version:D20}.json";
    public string CheckpointPath(long version) => $"{TablePath}/_delta_log/{version:D20}.checkpoint.parquet";
    public string LastCheckpointPath => $"{TablePath}/_delta_log/_last_checkpoint";

    public async Task<IReadOnlyList<DeltaAction>?> ReadCommitAsync(long version, CancellationToken ct)
    {
        var path = CommitPath(version);
        var bytes = await Storage.ReadAllBytesAsync(path, ct);
        return bytes is null ? null : DeltaJson.ParseCommit(bytes, path);
    }

    /// <summary>
    /// The table at <paramref name="version"/> (latest when null); null if the table does not exist. Starts from the newest
    /// readable checkpoint at or below the version and reads only the commits after it; without one, replays from 0.
    /// </summary>
    public async Task<DeltaSnapshot?> SnapshotAsync(long? version, CancellationToken ct)
    {
        var search = await Checkpoints.FindAsync(version, ct);
        var snapshot = search.Snapshot is { } start ? await UpdateAsync(start, version, ct) : await ReplayAsync(version, ct);
        // The latest version cannot be older than a checkpoint that exists: stopping short of one means commits are missing
        // (cleaned up below an unreadable checkpoint), and committing at the version after ours would overwrite history.
        if (version is null && snapshot is not null && search.Listed.Count > 0 && snapshot.Version < search.Listed[^1])
            throw new InvalidDataException(
                $"'{TablePath}': commit {snapshot.Version + 1} is gone and checkpoint {search.Listed[^1]} after it is unreadable; the log cannot be read past version {snapshot.Version}");
        if (snapshot is not null) return snapshot;
        // No commit 0 either. With checkpoints present the table exists but its early log is gone: saying "no table" would
        // let CreateOrOpen write a new commit 0 over it.
        if (search.Listed.Count == 0) return null;
        if (version is not null && version < search.Listed[0])
            throw new ArgumentOutOfRangeException(nameof(version),
                $"version {version} of '{TablePath}' is older than its log keeps: commit 0 is gone and the oldest checkpoint is version {search.Listed[0]}");
        throw new InvalidDataException(
            $"'{TablePath}': commit 0 is gone and no checkpoint{(version is null ? "" : $" at or below version {version}")} is readable (checkpoints: {string.Join(", ", search.Listed)})");
    }

    /// <summary>The table rebuilt from every JSON commit since 0, ignoring checkpoints (slow; for verifying them).</summary>
    public async Task<DeltaSnapshot?> ReplayAsync(long? version, CancellationToken ct)
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
                if (target is null) break;
                throw new ArgumentOutOfRangeException(nameof(target), await IsHoleAsync(next, target.Value, ct)
                    ? $"version {target} cannot be rebuilt: commit {next} is gone and no checkpoint from {next} to {target} is readable"
                    : $"version {target} does not exist; latest is {snapshot.Version}");
            }
            snapshot = snapshot.Apply(next, actions, snapshot.Timestamp);
        }
        return snapshot;
    }

    // A missing commit is a hole (commits cleaned up below a newer checkpoint), not the end of the log, when the log goes on
    // past it. Only asked on the error path, so listing is affordable.
    private async Task<bool> IsHoleAsync(long missing, long target, CancellationToken ct) =>
        await Storage.ReadAllBytesAsync(CommitPath(target), ct) is not null || (await Checkpoints.ListAsync(ct)).Any(v => v > missing);

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
