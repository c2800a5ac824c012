using System.Text.Json.Nodes;
using Project01.Lake.Data;
using Project01.Lake.Schema;

namespace Project01.Lake.Delta;

public sealed record CompactionResult(long? Version, int FilesRemoved, int FilesAdded, long Rows);

public sealed record VacuumResult(IReadOnlyList<string> Deleted, bool DryRun);

/// <summary>
/// OPTIMIZE and VACUUM. Compaction rewrites the small files of each partition into one and commits the swap as
/// remove + add with dataChange = false, so readers (and time travel) see the same rows before and after. Vacuum deletes
/// data files no version within the retention period can need: files removed before the cutoff, and orphans (files
/// never committed, e.g. left by a crashed writer) older than the cutoff.
/// </summary>
public static class TableMaintenance
{
    public const long DefaultSmallFileBytes = 64L * 1024 * 1024;
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    public static async Task<CompactionResult> CompactAsync(this DeltaTable table, long smallFileBytes = DefaultSmallFileBytes, CancellationToken ct = default)
    {
        var snapshot = await table.RefreshAsync(ct);
        var dataSchema = new LakeSchema(snapshot.Schema.Fields.Where(f => !snapshot.PartitionColumns.Contains(f.Name)));
        var groups = snapshot.Files.Where(f => f.Size < smallFileBytes)
            .GroupBy(f => string.Join('/', snapshot.PartitionColumns.Select(p => f.PartitionValues.GetValueOrDefault(p))))
            .Where(g => g.Count() > 1)
            .ToList();
        if (groups.Count == 0) return new CompactionResult(null, 0, 0, 0);

        var removed = new List<AddAction>();
        var added = new List<AddAction>();
        long rows = 0;
        foreach (var group in groups)
        {
            var parts = new List<RecordBatch>();
            foreach (var file in group) parts.Add(await table.ReadFileAsync(snapshot, file, dataSchema, ct));
            var merged = RecordBatch.Concat(dataSchema, parts);
            // Partition values come back as columns so the writer files the rows under the same partition.
            foreach (var p in snapshot.PartitionColumns)
            {
                var field = snapshot.Schema[p];
                var value = group.First().PartitionValues.GetValueOrDefault(p);
                merged = merged.With(field, PartitionValues.Array(field, value, merged.Length));
            }
            added.AddRange(await table.WriteFilesAsync(RecordBatch.Concat(snapshot.Schema, [merged]), ct, dataChange: false));
            removed.AddRange(group);
            rows += merged.Length;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var actions = new List<DeltaAction>
        {
            new() { CommitInfo = DeltaTable.CommitInfo("OPTIMIZE", now, new JsonObject { ["smallFileBytes"] = smallFileBytes }) },
        };
        actions.AddRange(removed.Select(f => new DeltaAction { Remove = new RemoveAction(f.Path, now, false, true, f.PartitionValues, f.Size) }));
        actions.AddRange(added.Select(a => new DeltaAction { Add = a }));
        var removedPaths = removed.Select(f => Uri.UnescapeDataString(f.Path)).ToHashSet(StringComparer.Ordinal);
        // A concurrent compaction or delete that already removed one of our inputs makes this rewrite stale.
        var committed = await table.CommitAsync(actions, latest => removedPaths.All(p => latest.Files.Any(f => Uri.UnescapeDataString(f.Path) == p)), ct);
        if (committed is null)
        {
            foreach (var a in added) await table.Storage.DeleteAsync($"{table.Path}/{a.Path}", ct);
            return new CompactionResult(null, 0, 0, 0);
        }
        return new CompactionResult(committed.Version, removed.Count, added.Count, rows);
    }

    public static async Task<VacuumResult> VacuumAsync(this DeltaTable table, TimeSpan? retention = null, bool dryRun = false, CancellationToken ct = default)
    {
        var cutoff = DateTimeOffset.UtcNow - (retention ?? DefaultRetention);
        var snapshot = await table.RefreshAsync(ct);
        var live = snapshot.Files.Select(f => Uri.UnescapeDataString(f.Path)).ToHashSet(StringComparer.Ordinal);

        // When each file was removed (latest removal wins), from the whole log.
        var removedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (long v = 0; v <= snapshot.Version; v++)
            foreach (var a in await table.Log.ReadCommitAsync(v, ct) ?? [])
                if (a.Remove is { } r)
                    removedAt[Uri.UnescapeDataString(r.Path)] = DateTimeOffset.FromUnixTimeMilliseconds(r.DeletionTimestamp ?? 0);

        var deleted = new List<string>();
        await foreach (var file in table.Storage.ListAsync(table.Path, ct))
        {
            var relative = file.Path[(table.Path.Length + 1)..];
            if (relative.StartsWith("_delta_log/", StringComparison.Ordinal) || live.Contains(relative)) continue;
            var deletable = removedAt.TryGetValue(relative, out var at) ? at < cutoff : file.LastModified < cutoff;
            if (!deletable) continue;
            deleted.Add(relative);
            if (!dryRun) await table.Storage.DeleteAsync(file.Path, ct);
        }
        if (!dryRun && deleted.Count > 0)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await table.CommitAsync([new DeltaAction { CommitInfo = DeltaTable.CommitInfo("VACUUM END", now,
                new JsonObject { ["retentionHours"] = (retention ?? DefaultRetention).TotalHours, ["numDeletedFiles"] = deleted.Count }) }], null, ct);
        }
        return new VacuumResult(deleted, dryRun);
    }
}
