using Project01.Lake.Data;
using Project01.Lake.Delta;

namespace Project01.Lake.Tests;

public sealed class TableMaintenanceTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _lake.Dispose();

    private static async Task<RecordBatch> ReadAllAsync(DeltaTable table, DeltaSnapshot snapshot)
    {
        var batches = new List<RecordBatch>();
        await foreach (var b in table.ReadAsync(snapshot)) batches.Add(b);
        return RecordBatch.Concat(snapshot.Schema, batches);
    }

    private async Task<DeltaTable> TableWithSmallFilesAsync()
    {
        var table = await DeltaTable.CreateOrOpenAsync(_lake.Storage, "raw/prices", TempLake.PriceSchema, ["date"], _ct);
        // 6 appends over the same 3 days: 3 partitions × 6 small files each.
        for (var i = 0; i < 6; i++) await table.AppendAsync(TempLake.Prices($"S{i}", new DateOnly(2020, 1, 1), 3, first: 10 * i), ct: _ct);
        return table;
    }

    [Fact]
    public async Task CompactionKeepsEveryRowAndLeavesOneFilePerPartition()
    {
        var table = await TableWithSmallFilesAsync();
        var before = await ReadAllAsync(table, table.Current);
        Assert.Equal(18, table.Current.Files.Count);

        var result = await table.CompactAsync(ct: _ct);

        Assert.Equal((18, 3, 18L), (result.FilesRemoved, result.FilesAdded, result.Rows));
        var after = await table.RefreshAsync(_ct);
        Assert.Equal(3, after.Files.Count);
        Assert.Equal(18, after.NumRecords);
        var rows = await ReadAllAsync(table, after);
        Assert.Equal(before.Column<double>("close").Order(), rows.Column<double>("close").Order());
        Assert.Equal(before.Column<DateOnly>("date").Order(), rows.Column<DateOnly>("date").Order());
        // Time travel to before the compaction still reads the old files.
        Assert.Equal(18, (await ReadAllAsync(table, await table.SnapshotAtVersionAsync(6, _ct))).Length);
        Assert.Equal(0, (await table.CompactAsync(ct: _ct)).FilesRemoved); // nothing small left to merge
    }

    [Fact]
    public async Task VacuumDeletesOnlyFilesOutsideTheRetention()
    {
        var table = await TableWithSmallFilesAsync();
        await table.CompactAsync(ct: _ct);
        var orphan = Path.Combine(_lake.Root, "raw/prices/date=2020-01-01/part-orphan.snappy.parquet");
        await File.WriteAllBytesAsync(orphan, [1, 2, 3], _ct);

        var kept = await table.VacuumAsync(TimeSpan.FromHours(1), ct: _ct);
        Assert.Empty(kept.Deleted); // everything is younger than an hour: time travel still needs it

        var dry = await table.VacuumAsync(TimeSpan.Zero, dryRun: true, ct: _ct);
        Assert.Equal(19, dry.Deleted.Count); // 18 compacted-away files + the orphan
        Assert.True(File.Exists(orphan));

        var done = await table.VacuumAsync(TimeSpan.Zero, ct: _ct);
        Assert.Equal(19, done.Deleted.Count);
        Assert.False(File.Exists(orphan));
        var latest = await table.RefreshAsync(_ct);
        Assert.Equal(18, (await ReadAllAsync(table, latest)).Length); // the live table is whole
        var old = await table.SnapshotAtVersionAsync(3, _ct);
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => ReadAllAsync(table, old));
        Assert.Contains("vacuumed", e.Message);
        Assert.Contains("VACUUM END", (await table.Log.HistoryAsync(_ct))[^1].Info!["operation"]!.GetValue<string>());
    }
}
