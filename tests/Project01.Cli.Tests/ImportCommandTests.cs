using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class ImportCommandTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportsAFolderIntoTheLakeWithJsonOnStdoutAndATableOnStderr()
    {
        var dir = TestPaths.NewTempDirectory("import");
        var data = Directory.CreateDirectory(Path.Combine(dir, "bars")).FullName;
        // Real S&P 500 bars as a Yahoo-style file without Adj Close (generic), and as minute bars in New York time.
        var sp = File.ReadLines(TestPaths.BundledData("sp500-daily-2000-2020.csv")).Take(101).ToArray();
        await File.WriteAllLinesAsync(Path.Combine(data, "SPX.csv"), sp, _ct);
        var start = new DateTime(2020, 1, 2, 9, 30, 0);
        await File.WriteAllLinesAsync(Path.Combine(data, "SPXM.csv"), sp.Take(1).Concat(sp.Skip(1).Select((l, i) =>
            start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + l[l.IndexOf(',')..])), _ct);
        await File.WriteAllTextAsync(Path.Combine(data, "BAD.csv"), "date,close\n2020-01-02,10\n2020-01-03,ten\n", _ct);
        await File.WriteAllTextAsync(Path.Combine(data, "splits.txt"), "", _ct); // an empty file is refused, the rest goes on

        var lake = Path.Combine(dir, "lake");
        var run = await P01.RunAsync("import", "--dir", data, "--lake", lake, "--tz", "America/New_York");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("files").GetInt32());
        Assert.Equal(100 + 100 + 1, root.GetProperty("rows").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetInt64());
        Assert.Equal("raw.import_rejects", root.GetProperty("dead_letters").GetString());
        var series = root.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("symbol").GetString()!);
        Assert.Equal("1d", series["SPX"].GetProperty("interval").GetString());
        Assert.Equal("2000-01-03T00:00:00Z", series["SPX"].GetProperty("first").GetString());
        Assert.Equal("1m", series["SPXM"].GetProperty("interval").GetString());
        Assert.Equal("2020-01-02T14:30:00Z", series["SPXM"].GetProperty("first").GetString());
        Assert.Contains(root.GetProperty("file_results").EnumerateArray(), f => f.GetProperty("file").GetString() == "splits.txt" && f.GetProperty("error").GetString() is not null);
        Assert.Contains("SPXM", run.Stderr);
        Assert.Contains("201 rows imported; 1 rows rejected", run.Stderr);

        // The lake answers SQL over what was imported.
        var sql = await P01.RunAsync("sql", "--lake", lake, "SELECT symbol, count(*) AS n FROM raw.bars GROUP BY symbol ORDER BY symbol");
        Assert.True(sql.ExitCode == 0, sql.Stderr);
        Assert.Equal(["symbol,n", "BAD,1", "SPX,100"], sql.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var minutes = await P01.RunAsync("sql", "--lake", lake, "SELECT symbol, interval, count(*) AS n FROM raw.intraday_bars GROUP BY ALL");
        Assert.Equal(["symbol,interval,n", "SPXM,1m,100"], minutes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--prices", "cooked", "--prices is adjusted or raw")]
    [InlineData("--format", "bloomberg", "unknown format 'bloomberg'")]
    [InlineData("--tz", "Mars/Olympus", "unknown time zone 'Mars/Olympus'")]
    public async Task BadFlagsSayWhatIsWrong(string flag, string value, string message)
    {
        var dir = TestPaths.NewTempDirectory("import");
        await File.WriteAllTextAsync(Path.Combine(dir, "X.csv"), "date,close\n2020-01-02,10\n", _ct);
        var run = await P01.RunAsync("import", "--dir", dir, "--lake", Path.Combine(dir, "lake"), flag, value);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}
