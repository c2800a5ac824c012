using System.Text.Json.Nodes;
using Project01.Lake.Data;
using Project01.Lake.Delta;
using Project01.Lake.Schema;

namespace Project01.Lake.Tests;

public sealed class DeltaTableTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _lake.Dispose();

    private Task<DeltaTable> CreateAsync(string path = "raw/prices") =>
        DeltaTable.CreateOrOpenAsync(_lake.Storage, path, TempLake.PriceSchema, ["date"], _ct);

    private static async Task<RecordBatch> ReadAllAsync(DeltaTable table, DeltaSnapshot snapshot)
    {
        var batches = new List<RecordBatch>();
        await foreach (var b in table.ReadAsync(snapshot)) batches.Add(b);
        return RecordBatch.Concat(snapshot.Schema, batches);
    }

    [Fact]
    public async Task RoundTripsRowsThroughParquetAndTheLog()
    {
        var table = await CreateAsync();
        var batch = TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 10);
        var result = await table.AppendAsync(batch, ct: _ct);

        Assert.Equal(1, result.Version);
        Assert.Equal(10, result.FilesAdded); // one file per date partition
        var read = await ReadAllAsync(table, await table.RefreshAsync(_ct));
        Assert.Equal(10, read.Length);
        var order = Enumerable.Range(0, 10).OrderBy(i => read.Column<DateTime>("time")[i]).ToArray();
        Assert.Equal(batch.Column<double>("close"), order.Select(i => read.Column<double>("close")[i]));
        Assert.Equal(batch.Column<long?>("volume"), order.Select(i => read.Column<long?>("volume")[i]));
        Assert.Equal(batch.Column<DateOnly>("date"), order.Select(i => read.Column<DateOnly>("date")[i]));
        Assert.All(read.Column<DateTime>("time"), t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    [Fact]
    public async Task WritesTheDeltaProtocolLayout()
    {
        var table = await CreateAsync();
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 2), ct: _ct);

        var log0 = (await File.ReadAllLinesAsync(Path.Combine(_lake.Root, "raw/prices/_delta_log/00000000000000000000.json"), _ct))
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Contains(log0, a => a["protocol"]?["minReaderVersion"]?.GetValue<int>() == 1);
        var metadata = log0.Single(a => a.ContainsKey("metaData"))["metaData"]!;
        Assert.Equal("parquet", metadata["format"]!["provider"]!.GetValue<string>());
        Assert.Equal("date", metadata["partitionColumns"]![0]!.GetValue<string>());
        Assert.Contains("\"type\":\"timestamp\"", metadata["schemaString"]!.GetValue<string>());

        var log1 = (await File.ReadAllLinesAsync(Path.Combine(_lake.Root, "raw/prices/_delta_log/00000000000000000001.json"), _ct))
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var add = log1.First(a => a.ContainsKey("add"))["add"]!;
        Assert.StartsWith("date=2020-01-0", add["path"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(_lake.Root, "raw/prices", add["path"]!.GetValue<string>())));
        Assert.Equal(1, JsonNode.Parse(add["stats"]!.GetValue<string>())!["numRecords"]!.GetValue<long>());
        Assert.Contains(log1, a => a["commitInfo"]?["operation"]?.GetValue<string>() == "WRITE");
    }

    [Fact]
    public async Task TimeTravelReadsEarlierVersions()
    {
        var table = await CreateAsync();
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 3), ct: _ct);
        var afterFirst = DateTimeOffset.UtcNow;
        await Task.Delay(20, _ct);
        await table.AppendAsync(TempLake.Prices("BBB", new DateOnly(2020, 1, 1), 5), ct: _ct);

        Assert.Equal(0, (await ReadAllAsync(table, await table.SnapshotAtVersionAsync(0, _ct))).Length);
        Assert.Equal(3, (await ReadAllAsync(table, await table.SnapshotAtVersionAsync(1, _ct))).Length);
        Assert.Equal(8, (await ReadAllAsync(table, await table.SnapshotAtVersionAsync(2, _ct))).Length);
        Assert.Equal(1, (await table.SnapshotAsOfAsync(afterFirst, _ct)).Version);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.SnapshotAtVersionAsync(7, _ct));
    }

    [Fact]
    public async Task TransactionVersionsMakeAppendsIdempotent()
    {
        var table = await CreateAsync();
        var batch = TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 4);
        var txn = new Dictionary<string, long> { ["ticks-0"] = 41 };

        var first = await table.AppendAsync(batch, txn, _ct);
        var replay = await table.AppendAsync(batch, txn, _ct);

        Assert.False(first.AlreadyCommitted);
        Assert.True(replay.AlreadyCommitted);
        Assert.Equal(4, (await ReadAllAsync(table, await table.RefreshAsync(_ct))).Length);
        Assert.Equal(41, table.Current.TransactionVersion("ticks-0"));
    }

    [Fact]
    public async Task ConcurrentWritersBothCommitAtDistinctVersions()
    {
        await CreateAsync();
        // Two independent instances on the same files = two processes; they race for each log version.
        var a = (await DeltaTable.OpenAsync(_lake.Storage, "raw/prices", _ct))!;
        var b = (await DeltaTable.OpenAsync(_lake.Storage, "raw/prices", _ct))!;
        var c = (await DeltaTable.OpenAsync(_lake.Storage, "raw/prices", _ct))!;
        var writers = Enumerable.Range(0, 12).Select(i => (i % 3 == 0 ? a : i % 3 == 1 ? b : c).AppendAsync(
            TempLake.Prices($"S{i}", new DateOnly(2020, 1, 1), 5), ct: _ct)).ToArray();
        var results = await Task.WhenAll(writers);

        Assert.Equal(12, results.Select(r => r.Version).Distinct().Count());
        var table = (await DeltaTable.OpenAsync(_lake.Storage, "raw/prices", _ct))!;
        Assert.Equal(12, table.Current.Version);
        Assert.Equal(60, (await ReadAllAsync(table, table.Current)).Length);
    }

    [Fact]
    public async Task ALosingWriterWithTheSameTransactionDropsItsFiles()
    {
        await CreateAsync();
        var a = (await DeltaTable.OpenAsync(_lake.Storage, "raw/prices", _ct))!;
        var b = (await DeltaTable.OpenAsync(_lake.Storage, "raw/prices", _ct))!;
        var txn = new Dictionary<string, long> { ["ticks-3"] = 100 };
        var batch = TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 2);

        var results = await Task.WhenAll(a.AppendAsync(batch, txn, _ct), b.AppendAsync(batch, txn, _ct));

        Assert.Single(results, r => !r.AlreadyCommitted);
        var snapshot = await a.RefreshAsync(_ct);
        Assert.Equal(2, (await ReadAllAsync(a, snapshot)).Length);
        var parquetFiles = Directory.GetFiles(Path.Combine(_lake.Root, "raw/prices"), "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(snapshot.Files.Count, parquetFiles.Length); // the loser cleaned up
    }

    [Fact]
    public async Task ABatchPartlyCommittedByAnotherWriterIsRefusedWholeAndLeavesNothingBehind()
    {
        var table = await CreateAsync();
        // Another writer already committed partition 0 up to offset 10 (and nothing of partition 1).
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 2), new Dictionary<string, long> { ["ticks-0"] = 10 }, _ct);
        var batch = TempLake.Prices("BBB", new DateOnly(2020, 1, 1), 3);

        // Same partition, offsets 5..20: 5..10 are in the table already.
        var inside = await Assert.ThrowsAsync<TransactionOverlapException>(() => table.AppendAsync(batch,
            new Dictionary<string, long> { ["ticks-0"] = 20 }, _ct, new Dictionary<string, long> { ["ticks-0"] = 5 }));
        Assert.Contains("ticks-0 at 10", inside.Message, StringComparison.Ordinal);
        // Partition 0 wholly in the table, partition 1 not at all: neither skipping nor writing is right.
        await Assert.ThrowsAsync<TransactionOverlapException>(() => table.AppendAsync(batch,
            new Dictionary<string, long> { ["ticks-0"] = 9, ["ticks-1"] = 4 }, _ct));

        var snapshot = await table.RefreshAsync(_ct);
        Assert.Equal(2, (await ReadAllAsync(table, snapshot)).Length);
        var parquetFiles = Directory.GetFiles(Path.Combine(_lake.Root, "raw/prices"), "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(snapshot.Files.Count, parquetFiles.Length); // the refused batches' files were removed

        // The rest of the range, after the table's position, goes in.
        var rest = await table.AppendAsync(batch, new Dictionary<string, long> { ["ticks-0"] = 20 }, _ct, new Dictionary<string, long> { ["ticks-0"] = 11 });
        Assert.False(rest.AlreadyCommitted);
        Assert.Equal(20, table.Current.TransactionVersion("ticks-0"));
    }

    [Fact]
    public async Task AnIncompatibleSchemaIsRejectedAndNothingIsWritten()
    {
        var table = await CreateAsync();
        var wrong = new RecordBatch(new LakeSchema([
            new LakeField("symbol", LakeType.String, false), new LakeField("time", LakeType.Timestamp, false),
            new LakeField("close", LakeType.String, false), new LakeField("date", LakeType.Date, false),
        ]), [new[] { "A" }, new[] { DateTime.UtcNow }, new[] { "x" }, new[] { new DateOnly(2020, 1, 1) }]);

        var e = await Assert.ThrowsAsync<SchemaMismatchException>(() => table.AppendAsync(wrong, ct: _ct));
        Assert.Contains("column 'close' is string, table has double", e.Message);
        Assert.Contains("missing column 'volume'", e.Message);
        Assert.Equal(0, (await table.RefreshAsync(_ct)).Version);
        Assert.Empty(Directory.GetFiles(Path.Combine(_lake.Root, "raw/prices"), "*.parquet", SearchOption.AllDirectories));
    }
}

public sealed class AtomicCreateTests
{
    [Fact]
    public async Task ExactlyOneRacerCreatesEachFile()
    {
        // File.Move without overwrite checks-then-renames on Unix; the storage must not let two writers both win.
        var storage = new Project01.Lake.Storage.LocalLakeStorage(Project01.Tests.TestPaths.NewTempDirectory("race"));
        for (var round = 0; round < 50; round++)
        {
            var path = $"t/_delta_log/{round:D20}.json";
            var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
                storage.TryCreateAsync(path, System.Text.Encoding.UTF8.GetBytes($"writer {i}\n"), TestContext.Current.CancellationToken))));
            Assert.Single(wins, w => w);
        }
    }
}
