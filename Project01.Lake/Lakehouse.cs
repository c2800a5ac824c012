using System.Collections.Concurrent;
using Project01.Lake.Delta;
using Project01.Lake.Schema;
using Project01.Lake.Storage;

namespace Project01.Lake;

/// <summary>The lake: Delta tables under one storage root, addressed by <see cref="TableName"/>.</summary>
public sealed class Lakehouse(ILakeStorage storage)
{
    private readonly ConcurrentDictionary<string, Task<DeltaTable>> _tables = new(StringComparer.Ordinal);

    public ILakeStorage Storage { get; } = storage;

    /// <summary>Opens a table, creating it with <paramref name="schema"/> when absent. One instance per table per lake, so
    /// writers in this process serialise on it; other processes are handled by the log's optimistic concurrency.</summary>
    public Task<DeltaTable> GetOrCreateTableAsync(TableName name, LakeSchema schema, IReadOnlyList<string>? partitionColumns = null,
        CancellationToken ct = default) =>
        _tables.GetOrAdd(name.Path, _ => DeltaTable.CreateOrOpenAsync(Storage, name.Path, schema, partitionColumns, ct)).ContinueWith(t =>
        {
            if (t.IsFaulted) _tables.TryRemove(name.Path, out _);
            return t;
        }, TaskScheduler.Default).Unwrap();

    public async Task<DeltaTable?> OpenTableAsync(TableName name, CancellationToken ct = default)
    {
        if (_tables.TryGetValue(name.Path, out var cached)) return await cached;
        var table = await DeltaTable.OpenAsync(Storage, name.Path, ct);
        if (table is null) return null;
        return await _tables.GetOrAdd(name.Path, Task.FromResult(table));
    }

    /// <summary>Every table in the lake (directories holding <c>_delta_log/00000000000000000000.json</c>).</summary>
    public async Task<IReadOnlyList<TableName>> ListTablesAsync(CancellationToken ct = default)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var file in Storage.ListAsync("", ct))
        {
            var parts = file.Path.Split('/');
            if (parts.Length == 4 && parts[2] == "_delta_log" && parts[3] == $"{0:D20}.json") names.Add($"{parts[0]}/{parts[1]}");
        }
        return names.Select(n => TableName.Parse(n)).ToList();
    }
}
