using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Project01.Lake.Data;
using Project01.Lake.Delta;
using Project01.Lake.Schema;
using Project01.Lake.Storage;

namespace Project01.Lake.Tests;

public sealed class CheckpointTests : IDisposable
{
    private const string TablePath = "raw/prices";
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _lake.Dispose();

    private string LogFile(string name) => Path.Combine(_lake.Root, TablePath, "_delta_log", name);
    private string CheckpointFile(long version) => LogFile($"{version:D20}.checkpoint.parquet");

    /// <summary>Versions 1–25 on top of the create: appends under three application ids, and a compaction at 15 so the
    /// checkpoint at 20 holds tombstones as well as adds.</summary>
    private async Task<DeltaTable> TableWith25CommitsAsync()
    {
        var table = await DeltaTable.CreateOrOpenAsync(_lake.Storage, TablePath, TempLake.PriceSchema, ["date"], _ct);
        for (var v = 1; v <= 25; v++)
        {
            if (v == 15)
                Assert.Equal(15, (await table.CompactAsync(ct: _ct)).Version);
            else
                await table.AppendAsync(TempLake.Prices($"S{v}", new DateOnly(2020, 1, 1 + v % 4), 2, first: v),
                    new Dictionary<string, long> { [$"ticks-{v % 3}"] = v }, _ct);
        }
        Assert.Equal(25, table.Current.Version);
        return table;
    }

    private async Task<DeltaSnapshot> OpenFreshAsync() =>
        (await _lake.NewLakehouse().OpenTableAsync(TableName.Parse("raw.prices"), _ct))!.Current;

    private async Task<DeltaSnapshot> ReplayAsync(long? version = null) =>
        (await new DeltaLog(_lake.Storage, TablePath).ReplayAsync(version, _ct))!;

    /// <summary>Everything a snapshot holds, as text: two snapshots are the same table state when these are equal.</summary>
    private static string Describe(DeltaSnapshot s) => string.Join('\n', [
        $"version {s.Version} at {s.Timestamp:O}, {s.NumRecords} records",
        DeltaJson.Serialize(new DeltaAction { Protocol = s.Protocol }),
        DeltaJson.Serialize(new DeltaAction { Metadata = s.Metadata }),
        s.Schema.ToDeltaJson(),
        .. s.Transactions.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"txn {t.Key}={t.Value}"),
        .. s.Files.Select(f => DeltaJson.Serialize(new DeltaAction { Add = f })).Order(StringComparer.Ordinal),
        .. s.Tombstones.Select(r => DeltaJson.Serialize(new DeltaAction { Remove = r })).Order(StringComparer.Ordinal),
    ]);

    private static async Task<RecordBatch> ReadAllAsync(DeltaTable table, DeltaSnapshot snapshot)
    {
        var batches = new List<RecordBatch>();
        await foreach (var b in table.ReadAsync(snapshot)) batches.Add(b);
        return RecordBatch.Concat(snapshot.Schema, batches);
    }

    [Fact]
    public async Task EveryTenthCommitWritesACheckpointAndPointsLastCheckpointAtIt()
    {
        var table = await TableWith25CommitsAsync();

        Assert.Equal([10L, 20L], await table.Log.Checkpoints.ListAsync(_ct));
        var hint = JsonNode.Parse(await File.ReadAllTextAsync(LogFile("_last_checkpoint"), _ct))!;
        Assert.Equal(20, hint["version"]!.GetValue<long>());
        var at20 = await table.SnapshotAtVersionAsync(20, _ct);
        // protocol + metaData + 3 txns + live adds + the compaction's tombstones
        Assert.Equal(2 + 3 + at20.Files.Count + at20.Tombstones.Count, hint["size"]!.GetValue<long>());
        Assert.Equal(at20.Files.Count, hint["numOfAddFiles"]!.GetValue<long>());
        Assert.Equal(new FileInfo(CheckpointFile(20)).Length, hint["sizeInBytes"]!.GetValue<long>());
        Assert.NotEmpty(at20.Tombstones);
    }

    [Fact]
    public async Task AFreshLakehouseReadsTheSameSnapshotAsAFullReplay()
    {
        var table = await TableWith25CommitsAsync();

        var opened = await OpenFreshAsync();

        Assert.Equal(Describe(await ReplayAsync()), Describe(opened));
        Assert.Equal(Describe(table.Current), Describe(opened));
        Assert.Equal(3, opened.Transactions.Count);
        Assert.Equal(24, opened.TransactionVersion("ticks-0"));
        Assert.Equal(48, opened.NumRecords); // 24 appends of 2 rows
        // Time travel lands on the checkpoint itself, between checkpoints and before the first one.
        foreach (var version in new long[] { 20, 17, 10, 5, 0 })
            Assert.Equal(Describe(await ReplayAsync(version)), Describe(await table.SnapshotAtVersionAsync(version, _ct)));
    }

    [Fact]
    public async Task OpeningReadsOnlyTheCommitsAfterTheCheckpoint()
    {
        var table = await TableWith25CommitsAsync();
        var expected = Describe(table.Current);
        var rows = await ReadAllAsync(table, table.Current);
        for (var v = 0; v < 20; v++) File.Delete(LogFile($"{v:D20}.json"));

        var reopened = (await DeltaTable.OpenAsync(_lake.Storage, TablePath, _ct))!;

        Assert.Equal(expected, Describe(reopened.Current));
        var read = await ReadAllAsync(reopened, reopened.Current);
        Assert.Equal(rows.Column<double>("close").Order(), read.Column<double>("close").Order());
        Assert.Equal(Describe(await table.SnapshotAtVersionAsync(20, _ct)), Describe(await reopened.SnapshotAtVersionAsync(20, _ct)));
        Assert.Equal(10, (await reopened.SnapshotAtVersionAsync(10, _ct)).Version); // the older checkpoint still stands alone
        // Versions whose commits are gone fail clearly instead of reading as an empty or missing table.
        var tooOld = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reopened.SnapshotAtVersionAsync(5, _ct));
        Assert.Contains("oldest checkpoint is version 10", tooOld.Message);
        var inGap = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reopened.SnapshotAtVersionAsync(15, _ct));
        Assert.Contains("commit 11 is gone", inGap.Message);
        // And the table keeps taking commits: creating it again must not write a new commit 0 over it.
        var again = await DeltaTable.CreateOrOpenAsync(_lake.Storage, TablePath, TempLake.PriceSchema, ["date"], _ct);
        Assert.Equal(25, again.Current.Version);
        Assert.False(File.Exists(LogFile($"{0:D20}.json")));
        Assert.Equal(26, (await again.AppendAsync(TempLake.Prices("NEW", new DateOnly(2020, 2, 1), 1), ct: _ct)).Version);

        // With checkpoint 20 unreadable as well, checkpoint 10 cannot be brought forward: an error, never "latest is 10"
        // (a writer would then commit 11 over the gap), and never "no table" (CreateOrOpen would write a new commit 0).
        Damage(CheckpointFile(20), "truncated");
        var hole = await Assert.ThrowsAsync<InvalidDataException>(() => DeltaTable.OpenAsync(_lake.Storage, TablePath, _ct));
        Assert.Contains("commit 11 is gone", hole.Message);
        Damage(CheckpointFile(10), "truncated");
        await Assert.ThrowsAsync<InvalidDataException>(() => DeltaTable.CreateOrOpenAsync(_lake.Storage, TablePath, TempLake.PriceSchema, ["date"], _ct));
        Assert.False(File.Exists(LogFile($"{0:D20}.json")));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public async Task ABadCheckpointFallsBackToThePreviousOneThenToFullReplay(string damage)
    {
        await TableWith25CommitsAsync();
        var expected = Describe(await ReplayAsync());

        Damage(CheckpointFile(20), damage);
        Assert.Equal(expected, Describe(await OpenFreshAsync()));
        var reopened = (await DeltaTable.OpenAsync(_lake.Storage, TablePath, _ct))!;
        Assert.Equal(Describe(await ReplayAsync(20)), Describe(await reopened.SnapshotAtVersionAsync(20, _ct)));

        Damage(CheckpointFile(10), damage);
        Assert.Equal(expected, Describe(await OpenFreshAsync()));
    }

    [Theory]
    [InlineData("{\"version\":20,\"si")]
    [InlineData("not json at all")]
    [InlineData("{\"version\":30,\"size\":40}")] // points at a checkpoint that is not there
    [InlineData("{\"version\":20,\"size\":7}")] // the wrong size for the checkpoint it names
    [InlineData("stale")] // a writer died between checkpoint 20 and its hint: ten more commits to read
    [InlineData(null)] // missing
    public async Task ABadOrMissingLastCheckpointFallsBackToListingTheLog(string? content)
    {
        var table = await TableWith25CommitsAsync();
        var expected = Describe(await ReplayAsync());
        if (content == "stale")
        {
            var at10 = await table.SnapshotAtVersionAsync(10, _ct);
            content = $"{{\"version\":10,\"size\":{2 + at10.Transactions.Count + at10.Files.Count + at10.Tombstones.Count}}}";
        }

        File.Delete(LogFile("_last_checkpoint"));
        if (content is not null) await File.WriteAllTextAsync(LogFile("_last_checkpoint"), content, _ct);

        Assert.Equal(expected, Describe(await OpenFreshAsync()));
    }

    [Fact]
    public async Task TheNextCheckpointRepairsACorruptLastCheckpoint()
    {
        var table = await TableWith25CommitsAsync();
        await File.WriteAllTextAsync(LogFile("_last_checkpoint"), "{garbage", _ct);

        for (var i = 0; i < 5; i++) await table.AppendAsync(TempLake.Prices($"R{i}", new DateOnly(2021, 1, 1), 1), ct: _ct);

        Assert.Equal(30, JsonNode.Parse(await File.ReadAllTextAsync(LogFile("_last_checkpoint"), _ct))!["version"]!.GetValue<long>());
        Assert.Equal(Describe(await ReplayAsync()), Describe(await OpenFreshAsync()));
    }

    [Fact]
    public async Task DuckDbReadsTheCheckpointAsDeltaSchemaParquet()
    {
        var table = await TableWith25CommitsAsync();
        var at20 = await table.SnapshotAtVersionAsync(20, _ct);

        await using var duck = new DuckDBConnection("Data Source=:memory:");
        await duck.OpenAsync(_ct);
        async Task<object?> ScalarAsync(string sql)
        {
            await using var command = duck.CreateCommand();
            command.CommandText = sql.Replace("{file}", $"read_parquet('{CheckpointFile(20).Replace("'", "''")}')");
            return await command.ExecuteScalarAsync(_ct);
        }

        Assert.Equal((long)at20.Files.Count, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM {file} WHERE add IS NOT NULL")));
        Assert.Equal((long)at20.Tombstones.Count, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM {file} WHERE remove IS NOT NULL")));
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM {file} WHERE protocol.minReaderVersion = 1")));
        Assert.Equal(3L, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM {file} WHERE txn IS NOT NULL")));
        Assert.Equal("date", await ScalarAsync("SELECT metaData.partitionColumns[1] FROM {file} WHERE metaData IS NOT NULL"));
        Assert.Equal(at20.Metadata.Id, await ScalarAsync("SELECT metaData.id FROM {file} WHERE metaData IS NOT NULL"));
        // partitionValues is a real map<string,string>: each add's value matches the folder it lives in.
        Assert.Equal((long)at20.Files.Count, Convert.ToInt64(await ScalarAsync(
            "SELECT count(*) FROM {file} WHERE add IS NOT NULL AND starts_with(add.path, 'date=' || add.partitionValues['date'] || '/')")));
        Assert.Equal(at20.NumRecords, Convert.ToInt64(await ScalarAsync(
            "SELECT CAST(sum(CAST(json_extract(add.stats, '$.numRecords') AS BIGINT)) AS BIGINT) FROM {file} WHERE add IS NOT NULL")));
    }

    [Fact]
    public async Task AFailedCheckpointNeverFailsTheCommit()
    {
        var storage = new CheckpointsFail(_lake.Storage);
        var table = await DeltaTable.CreateOrOpenAsync(storage, TablePath, TempLake.PriceSchema, ["date"], _ct);
        var failed = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "p01.lake.checkpoints") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag is { Key: "outcome", Value: "failed" }) Interlocked.Add(ref failed, (int)value);
        });
        listener.Start();

        for (var v = 1; v <= 12; v++)
            Assert.Equal(v, (await table.AppendAsync(TempLake.Prices($"S{v}", new DateOnly(2020, 1, 1), 1), ct: _ct)).Version);

        Assert.Equal(1, storage.Attempts);
        Assert.True(failed >= 1, "the failure shows in the p01.lake.checkpoints metric"); // >=: the listener hears every table in the process
        Assert.Empty(await table.Log.Checkpoints.ListAsync(_ct));
        Assert.Equal(Describe(await ReplayAsync()), Describe(await OpenFreshAsync()));
    }

    [Fact]
    public async Task TheIntervalIsATableProperty()
    {
        // Unpartitioned, so the checkpoint also carries empty partitionValues maps.
        var table = await DeltaTable.CreateOrOpenAsync(_lake.Storage, "raw/flat", TempLake.PriceSchema, ct: _ct);
        var metadata = table.Current.Metadata with { Configuration = new() { [DeltaCheckpoints.IntervalProperty] = "4" } };
        await table.CommitAsync([new DeltaAction { Metadata = metadata }], null, _ct);
        for (var v = 2; v <= 9; v++) await table.AppendAsync(TempLake.Prices($"S{v}", new DateOnly(2020, 1, 1), 3), ct: _ct);

        Assert.Equal([4L, 8L], await table.Log.Checkpoints.ListAsync(_ct));
        var opened = (await DeltaTable.OpenAsync(_lake.Storage, "raw/flat", _ct))!.Current;
        Assert.Equal("4", opened.Metadata.Configuration[DeltaCheckpoints.IntervalProperty]);
        Assert.Equal(Describe((await table.Log.ReplayAsync(null, _ct))!), Describe(opened));
        Assert.All(opened.Files, f => Assert.Empty(f.PartitionValues));
        Assert.Equal(DeltaCheckpoints.DefaultInterval, DeltaCheckpoints.Interval(metadata with { Configuration = [] }));
    }

    private static void Damage(string path, string how)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, how switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "garbage" => [.. bytes[..4], .. Enumerable.Repeat((byte)0x5A, bytes.Length - 4)],
            _ => [],
        });
    }

    /// <summary>Storage whose checkpoint writes throw, as a full disk or a flaky object store would.</summary>
    private sealed class CheckpointsFail(ILakeStorage inner) : ILakeStorage
    {
        public int Attempts { get; private set; }
        public string Location => inner.Location;
        public Task<byte[]?> ReadAllBytesAsync(string path, CancellationToken ct = default) => inner.ReadAllBytesAsync(path, ct);
        public Task<long> WriteNewAsync(string path, Action<Stream> write, CancellationToken ct = default) => inner.WriteNewAsync(path, write, ct);
        public Task<string> GetLocalPathAsync(string path, CancellationToken ct = default) => inner.GetLocalPathAsync(path, ct);
        public IAsyncEnumerable<LakeFileInfo> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
        public Task DeleteAsync(string path, CancellationToken ct = default) => inner.DeleteAsync(path, ct);

        public Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct = default)
        {
            if (!path.EndsWith(".checkpoint.parquet", StringComparison.Ordinal)) return inner.TryCreateAsync(path, content, ct);
            Attempts++;
            throw new IOException("No space left on device");
        }
    }
}
