using Project01.Tests;


namespace Project01.Cli.Tests;

public sealed class LakeCommandsTests
{
    [Fact]
    public async Task ImportedCsvIsQueryableBySqlAndListedInHistory()
    {
        var lake = TestPaths.NewTempDirectory("cli-lake");
        var import = await P01.RunAsync("lake", "import", "--input", TestPaths.BundledData("dowjones30-daily-close-1991-2000.csv"), "--table", "dow", "--lake", lake);
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Equal("{\"table\":\"raw.dow\",\"version\":1,\"rows\":75870,\"files\":1}", import.Stdout.Trim());

        var sql = await P01.RunAsync("sql", "--lake", lake, "SELECT symbol, count(*) AS n, min(date) AS first_day, max(close) AS top FROM dow WHERE symbol IN ('AA', 'MSFT') GROUP BY symbol ORDER BY symbol");
        Assert.True(sql.ExitCode == 0, sql.Stderr);
        var lines = sql.Stdout.Trim().Split('\n');
        Assert.Equal("symbol,n,first_day,top", lines[0]);
        Assert.StartsWith("AA,2529,1990-12-31,", lines[1]);
        Assert.StartsWith("MSFT,2529,1990-12-31,", lines[2]);

        var history = await P01.RunAsync("lake", "history", "--lake", lake, "--table", "dow");
        var versions = history.Stdout.Trim().Split('\n');
        Assert.Equal("version,timestamp,operation,parameters", versions[0]);
        Assert.StartsWith("0,", versions[1]);
        Assert.Contains(",CREATE TABLE,", versions[1]);
        Assert.Contains(",WRITE,", versions[2]);
    }

    [Fact]
    public async Task ABadRowStopsTheImportAndCommitsNothing()
    {
        var dir = TestPaths.NewTempDirectory("cli-lake");
        var lake = Path.Combine(dir, "lake");
        var good = Path.Combine(dir, "good.csv");
        var bad = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(good, "date,symbol,close\n2020-01-02,AA,10.5\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, "date,symbol,close\n2020-01-03,AA,11\n2020-01-06,AA,eleven\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await P01.RunAsync("lake", "import", "--input", good, "--table", "prices", "--lake", lake)).ExitCode);

        var run = await P01.RunAsync("lake", "import", "--input", bad, "--table", "prices", "--lake", lake);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.csv:3: field 'close': 'eleven' is not a number", run.Stderr);
        var count = await P01.RunAsync("sql", "--lake", lake, "SELECT count(*) AS n FROM prices");
        Assert.Equal("n\n1", count.Stdout.Trim());
    }

    [Fact]
    public async Task AnIncompatibleSchemaIsRejected()
    {
        var dir = TestPaths.NewTempDirectory("cli-lake");
        var lake = Path.Combine(dir, "lake");
        var first = Path.Combine(dir, "a.csv");
        var second = Path.Combine(dir, "b.csv");
        await File.WriteAllTextAsync(first, "date,close\n2020-01-02,10.5\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(second, "date,close\n2020-01-03,n/a\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await P01.RunAsync("lake", "import", "--input", first, "--table", "t", "--lake", lake)).ExitCode);

        var run = await P01.RunAsync("lake", "import", "--input", second, "--table", "t", "--lake", lake);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("table 'raw/t': incompatible schema, nothing written: column 'close' is string, table has double", run.Stderr);
    }

    [Fact]
    public async Task SqlErrorsAreOneClearLine()
    {
        var run = await P01.RunAsync("sql", "--lake", TestPaths.NewTempDirectory("cli-lake"), "SELEC 1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("syntax error", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
