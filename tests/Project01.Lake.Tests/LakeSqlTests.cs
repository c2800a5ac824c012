using Project01.Lake.Sql;

namespace Project01.Lake.Tests;

public sealed class LakeSqlTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task QueriesCommittedFilesByTableName()
    {
        var lake = _lake.NewLakehouse();
        var table = await lake.GetOrCreateTableAsync(TableName.Parse("raw.prices"), TempLake.PriceSchema, ["date"], _ct);
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 10), ct: _ct);
        await table.AppendAsync(TempLake.Prices("BBB", new DateOnly(2020, 1, 1), 5, first: 50), ct: _ct);
        // An uncommitted file in the table's folder must be invisible.
        File.Copy(Directory.GetFiles(Path.Combine(_lake.Root, "raw/prices"), "*.parquet", SearchOption.AllDirectories)[0],
            Path.Combine(_lake.Root, "raw/prices", "date=2020-01-01", "part-orphan.snappy.parquet"));

        var result = await new LakeSql(lake).QueryAsync(
            "SELECT symbol, count(*) AS n, sum(close) AS total, min(date) AS first FROM prices GROUP BY symbol ORDER BY symbol", ct: _ct);

        Assert.Equal(["symbol", "n", "total", "first"], result.Columns);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal("AAA", result.Rows[0][0]);
        Assert.Equal(10L, Convert.ToInt64(result.Rows[0][1]));
        Assert.Equal(1045.0, Convert.ToDouble(result.Rows[0][2]));
        Assert.Equal(5L, Convert.ToInt64(result.Rows[1][1]));
        var csv = new StringWriter();
        LakeSql.WriteCsv(result, csv);
        Assert.StartsWith("symbol,n,total,first\nAAA,10,1045,2020-01-01\n", csv.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task PinnedVersionsSeeTheTableAsItWas()
    {
        var lake = _lake.NewLakehouse();
        var name = TableName.Parse("prices");
        var table = await lake.GetOrCreateTableAsync(name, TempLake.PriceSchema, ["date"], _ct);
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 3), ct: _ct);
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2021, 1, 1), 3), ct: _ct);

        var sql = new LakeSql(lake);
        var v1 = await sql.QueryAsync("SELECT count(*) FROM raw.prices", versions: new Dictionary<TableName, long> { [name] = 1 }, ct: _ct);
        var latest = await sql.QueryAsync("SELECT count(*) FROM raw.prices", ct: _ct);
        var empty = await sql.QueryAsync("SELECT count(*) FROM raw.prices", versions: new Dictionary<TableName, long> { [name] = 0 }, ct: _ct);

        Assert.Equal(3L, Convert.ToInt64(v1.Rows[0][0]));
        Assert.Equal(6L, Convert.ToInt64(latest.Rows[0][0]));
        Assert.Equal(0L, Convert.ToInt64(empty.Rows[0][0]));
    }

    [Fact]
    public async Task RowLimitTruncates()
    {
        var lake = _lake.NewLakehouse();
        var table = await lake.GetOrCreateTableAsync(TableName.Parse("prices"), TempLake.PriceSchema, ["date"], _ct);
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 10), ct: _ct);
        var result = await new LakeSql(lake).QueryAsync("SELECT * FROM prices", maxRows: 4, ct: _ct);
        Assert.Equal(4, result.Rows.Count);
        Assert.True(result.Truncated);
    }
}

public sealed class ReadOnlySqlTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _lake.Dispose();

    private async Task<LakeSql> LakeWithPricesAsync()
    {
        var lake = _lake.NewLakehouse();
        var table = await lake.GetOrCreateTableAsync(TableName.Parse("prices"), TempLake.PriceSchema, ["date"], _ct);
        await table.AppendAsync(TempLake.Prices("AAA", new DateOnly(2020, 1, 1), 10), ct: _ct);
        return new LakeSql(lake);
    }

    [Fact]
    public async Task SelectsWork()
    {
        var sql = await LakeWithPricesAsync();
        var result = await sql.QueryReadOnlyAsync("SELECT count(*) AS n FROM prices WHERE close > 104", 100, TimeSpan.FromSeconds(10), _ct);
        Assert.Equal(5L, Convert.ToInt64(result.Rows[0][0]));
    }

    [Theory]
    [InlineData("COPY (SELECT 1) TO '/tmp/p01-escape.csv'")]
    [InlineData("ATTACH '/tmp/p01-escape.db'")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("SELECT 1; SELECT 2")]
    public async Task AnythingButOneSelectIsRefused(string statement)
    {
        var sql = await LakeWithPricesAsync();
        await Assert.ThrowsAsync<ReadOnlyQueryException>(() => sql.QueryReadOnlyAsync(statement, 100, TimeSpan.FromSeconds(10), _ct));
        Assert.False(File.Exists("/tmp/p01-escape.csv"));
    }

    [Fact]
    public async Task FilesOutsideTheLakeCannotBeRead()
    {
        var sql = await LakeWithPricesAsync();
        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            sql.QueryReadOnlyAsync("SELECT * FROM read_csv('/etc/passwd')", 100, TimeSpan.FromSeconds(10), _ct));
        Assert.Contains("disabled", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ModelsAndOtherArtifactsInTheLakeCannotBeRead()
    {
        var sql = await LakeWithPricesAsync();
        var model = Path.Combine(_lake.Root, "artifacts", "models", "ret1-lightgbm", "v1", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        await File.WriteAllBytesAsync(model, [8, 1, 18, 4], _ct);

        foreach (var query in new[] { $"SELECT filename, size FROM read_blob('{model}')", $"SELECT * FROM read_blob('{_lake.Root}/artifacts/models/*/v*/model.onnx')" })
        {
            var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => sql.QueryReadOnlyAsync(query, 100, TimeSpan.FromSeconds(10), _ct));
            Assert.Contains("disabled", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task OnlyTheCurrentSnapshotsDataFilesCanBeRead()
    {
        var sql = await LakeWithPricesAsync();
        var live = Directory.EnumerateFiles(_lake.Root, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First(); // one day's partition
        var stray = Path.Combine(Path.GetDirectoryName(live)!, "not-committed.parquet");
        File.Copy(live, stray);

        Assert.Equal(10L, Convert.ToInt64((await sql.QueryReadOnlyAsync("SELECT count(*) FROM prices", 1, TimeSpan.FromSeconds(10), _ct)).Rows[0][0]));
        Assert.Equal(1L, Convert.ToInt64((await sql.QueryReadOnlyAsync($"SELECT count(*) FROM read_parquet('{live}')", 1, TimeSpan.FromSeconds(10), _ct)).Rows[0][0]));
        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            sql.QueryReadOnlyAsync($"SELECT count(*) FROM read_parquet('{stray}')", 1, TimeSpan.FromSeconds(10), _ct));
        Assert.Contains("disabled", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AQueryThatWouldExhaustMemoryFailsAtItsLimitInsteadOfSpilling()
    {
        var sql = await LakeWithPricesAsync();
        var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => sql.QueryReadOnlyAsync(
            "SELECT max(len(l)) FROM (SELECT range % 10 AS k, list(range) AS l FROM range(100000000) GROUP BY k)", 1, TimeSpan.FromSeconds(60), _ct,
            new ReadOnlySqlLimits(MemoryMegabytes: 64, Threads: 1)));
        Assert.Contains("memory", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("SELECT * FROM read_parquet('https://example.com/x.parquet')")]
    public async Task ExtensionsAndRemoteFilesAreRefused(string statement)
    {
        var sql = await LakeWithPricesAsync();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => sql.QueryReadOnlyAsync(statement, 1, TimeSpan.FromSeconds(10), _ct));
        Assert.True(e is ReadOnlyQueryException or System.Data.Common.DbException, e.ToString());
    }

    [Fact]
    public async Task ALongQueryStopsAtItsTimeLimit()
    {
        var sql = await LakeWithPricesAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => sql.QueryReadOnlyAsync(
            "SELECT count(*) FROM range(1000000000) a, range(1000) b WHERE a.range * b.range % 7 = 3", 10, TimeSpan.FromMilliseconds(300), _ct));
    }
}
