using Project01.Lake.Data;
using Project01.Lake.Delta;
using Project01.Lake.Sql;
using Project01.Lake.Storage;
using Project01.Tests;

namespace Project01.Lake.Tests;

/// <summary>The Delta lake on an S3-compatible store, through the real AWS SDK against a loopback fake.</summary>
public sealed class S3LakeStorageTests : IAsyncLifetime
{
    private FakeS3Server _s3 = null!;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _s3 = await FakeS3Server.StartAsync();

    public async ValueTask DisposeAsync() => await _s3.DisposeAsync();

    private S3LakeStorage Storage() => new(new S3LakeOptions
    {
        Bucket = "lake", Prefix = "p01", ServiceUrl = _s3.Url, AccessKey = "test", SecretKey = "test",
        CacheDirectory = TestPaths.NewTempDirectory("s3-cache"),
    });

    [Fact]
    public async Task CreateIfAbsentIsConditional()
    {
        using var storage = Storage();
        Assert.True(await storage.TryCreateAsync("t/_delta_log/0.json", "a"u8.ToArray(), _ct));
        Assert.False(await storage.TryCreateAsync("t/_delta_log/0.json", "b"u8.ToArray(), _ct));
        Assert.Equal("a"u8.ToArray(), await storage.ReadAllBytesAsync("t/_delta_log/0.json", _ct));
        Assert.Null(await storage.ReadAllBytesAsync("t/_delta_log/1.json", _ct));
        Assert.Equal(1, _s3.PreconditionFailures);
    }

    [Fact]
    public async Task ListingFollowsContinuationTokens()
    {
        using var storage = Storage();
        for (var i = 0; i < 5; i++) await storage.WriteNewAsync($"t/part-{i}.parquet", s => s.Write(new byte[i + 1]), _ct);
        var files = new List<LakeFileInfo>();
        await foreach (var f in storage.ListAsync("t", _ct)) files.Add(f);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"t/part-{i}.parquet"), files.Select(f => f.Path));
        Assert.Equal([1L, 2, 3, 4, 5], files.Select(f => f.Size));
    }

    [Fact]
    public async Task DeltaTablesRoundTripAndRaceOnS3()
    {
        using var storage = Storage();
        var table = await DeltaTable.CreateOrOpenAsync(storage, "raw/prices", TempLake.PriceSchema, ["date"], _ct);
        var a = (await DeltaTable.OpenAsync(storage, "raw/prices", _ct))!;
        var b = (await DeltaTable.OpenAsync(storage, "raw/prices", _ct))!;
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).AppendAsync(TempLake.Prices($"S{i}", new DateOnly(2020, 1, 1), 4), ct: _ct)));
        Assert.Equal(6, results.Select(r => r.Version).Distinct().Count());

        var latest = await table.RefreshAsync(_ct);
        Assert.Equal(6, latest.Version);
        Assert.Equal(24, latest.NumRecords);
        var batches = new List<RecordBatch>();
        await foreach (var batch in table.ReadAsync(latest, _ct)) batches.Add(batch);
        Assert.Equal(24, batches.Sum(x => x.Length));

        var sql = await new LakeSql(new Lakehouse(storage)).QueryAsync("SELECT count(DISTINCT symbol), count(*) FROM prices", ct: _ct);
        Assert.Equal([6L, 24L], sql.Rows[0].Select(Convert.ToInt64));
    }
}
