using System.Diagnostics;
using System.Globalization;

namespace Project01.Lake.Delta;

/// <summary>What a search for a starting checkpoint found: the snapshot it holds, or null; and the checkpoint versions
/// listed on the way (none when <c>_last_checkpoint</c> sufficed).</summary>
internal sealed record CheckpointSearch(DeltaSnapshot? Snapshot, IReadOnlyList<long> Listed);

/// <summary>
/// Classic checkpoints of one table's log (PROTOCOL.md "Checkpoints"): <c>_delta_log/{version:D20}.checkpoint.parquet</c>
/// holds the whole reconciled state at a version, so opening a table reads one checkpoint and the few commits after it
/// instead of every commit since version 0. Checkpoints are an optimisation only: any that is missing, half-written or
/// unreadable is skipped for an older one or, failing all, a replay from commit 0.
/// </summary>
public sealed class DeltaCheckpoints
{
    /// <summary>Checkpoint after every N-th commit unless the table sets <see cref="IntervalProperty"/> (Delta's default is also 10).</summary>
    public const int DefaultInterval = 10;

    public const string IntervalProperty = "delta.checkpointInterval";

    /// <summary>Tombstones older than this are left out of checkpoints; VACUUM's default retention, as in Delta.</summary>
    public static readonly TimeSpan TombstoneRetention = TableMaintenance.DefaultRetention;

    private const string Suffix = ".checkpoint.parquet";
    private readonly DeltaLog _log;

    internal DeltaCheckpoints(DeltaLog log) => _log = log;

    public static int Interval(MetadataAction metadata) =>
        metadata.Configuration.TryGetValue(IntervalProperty, out var text)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultInterval;

    public static bool IsDue(DeltaSnapshot snapshot) => snapshot.Version > 0 && snapshot.Version % Interval(snapshot.Metadata) == 0;

    /// <summary>Writes the checkpoint of <paramref name="snapshot"/>, whatever its version, and points <c>_last_checkpoint</c>
    /// at it; false when a checkpoint of that version already exists (another writer made it).</summary>
    public async Task<bool> WriteAsync(DeltaSnapshot snapshot, CancellationToken ct = default)
    {
        var actions = snapshot.CheckpointActions(DateTimeOffset.UtcNow - TombstoneRetention);
        var content = CheckpointWriter.Write(actions);
        // Create-if-absent, never a stream into the final name: the file appears whole or not at all.
        if (!await _log.Storage.TryCreateAsync(_log.CheckpointPath(snapshot.Version), content, ct)) return false;
        await PointAtAsync(new LastCheckpoint(snapshot.Version, actions.Count, content.Length, snapshot.Files.Count), ct);
        return true;
    }

    /// <summary>Checkpoints <paramref name="snapshot"/> when its version is due. Best effort: the commit it follows has
    /// succeeded, so a failure here is reported and swallowed; readers fall back to the previous checkpoint.</summary>
    internal async Task TryWriteAfterCommitAsync(DeltaSnapshot snapshot, CancellationToken ct)
    {
        if (!IsDue(snapshot)) return;
        try
        {
            CheckpointMetrics.Record(await WriteAsync(snapshot, ct) ? "written" : "exists");
        }
        catch (Exception e)
        {
            CheckpointMetrics.Record("failed");
            Trace.TraceWarning($"{_log.TablePath}: checkpoint of version {snapshot.Version} failed; readers use an older one: {e}");
        }
    }

    // Storage has no atomic overwrite, so replace by delete + create-if-absent. A reader in the gap, or after a crash in
    // it, finds no hint and lists the log; a racing writer's older hint may win, which only costs readers a few commits.
    private async Task PointAtAsync(LastCheckpoint hint, CancellationToken ct)
    {
        var current = LastCheckpoint.TryParse(await _log.Storage.ReadAllBytesAsync(_log.LastCheckpointPath, ct));
        if (current is not null && current.Version >= hint.Version) return;
        await _log.Storage.DeleteAsync(_log.LastCheckpointPath, ct);
        await _log.Storage.TryCreateAsync(_log.LastCheckpointPath, hint.ToJson(), ct);
    }

    /// <summary>
    /// The newest readable checkpoint at or below <paramref name="atOrBelow"/> (any when null): the one
    /// <c>_last_checkpoint</c> names if it qualifies and reads, else the listed checkpoints, newest first.
    /// </summary>
    internal async Task<CheckpointSearch> FindAsync(long? atOrBelow, CancellationToken ct)
    {
        var hint = LastCheckpoint.TryParse(await _log.Storage.ReadAllBytesAsync(_log.LastCheckpointPath, ct));
        if (hint is not null && (atOrBelow is null || hint.Version <= atOrBelow))
        {
            if (await TryLoadAsync(hint.Version, hint.Size, ct) is { } snapshot) return new(snapshot, []);
        }
        var listed = await ListAsync(ct);
        for (var i = listed.Count - 1; i >= 0; i--)
        {
            var version = listed[i];
            if ((atOrBelow is not null && version > atOrBelow) || version == hint?.Version) continue;
            if (await TryLoadAsync(version, null, ct) is { } snapshot) return new(snapshot, listed);
        }
        return new(null, listed);
    }

    /// <summary>Versions of the classic checkpoints in the log, oldest first.</summary>
    public async Task<IReadOnlyList<long>> ListAsync(CancellationToken ct = default)
    {
        var versions = new List<long>();
        var prefix = $"{_log.TablePath}/_delta_log/";
        await foreach (var file in _log.Storage.ListAsync(prefix, ct))
        {
            if (!file.Path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var name = file.Path[prefix.Length..];
            if (name.Length == 20 + Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                versions.Add(version);
        }
        versions.Sort();
        return versions;
    }

    /// <summary>The snapshot checkpoint <paramref name="version"/> holds, or null (with a warning) when it cannot be used.</summary>
    private async Task<DeltaSnapshot?> TryLoadAsync(long version, long? expectedRows, CancellationToken ct)
    {
        var path = _log.CheckpointPath(version);
        var content = await _log.Storage.ReadAllBytesAsync(path, ct);
        if (content is null) return null;
        IReadOnlyList<DeltaAction> actions;
        long rows;
        try
        {
            (actions, rows) = CheckpointReader.Read(content, path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Trace.TraceWarning($"{path}: unreadable checkpoint skipped: {e.Message}");
            return null;
        }
        if (expectedRows is { } expected && expected != rows)
        {
            Trace.TraceWarning($"{path}: {rows} actions where _last_checkpoint says {expected}; skipped");
            return null;
        }
        var snapshot = DeltaSnapshot.FromActions(version, actions, await CommitTimestampAsync(version, ct));
        if (snapshot is null) Trace.TraceWarning($"{path}: checkpoint lacks protocol or metaData; skipped");
        return snapshot;
    }

    // Checkpoints keep no commitInfo (protocol), so the version's timestamp comes from its commit file when that is still there.
    private async Task<DateTimeOffset> CommitTimestampAsync(long version, CancellationToken ct)
    {
        try
        {
            var info = (await _log.ReadCommitAsync(version, ct))?.Select(a => a.CommitInfo).FirstOrDefault(c => c is not null);
            return info?["timestamp"]?.GetValue<long>() is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch;
        }
        catch (InvalidDataException)
        {
            return DateTimeOffset.UnixEpoch;
        }
    }
}
