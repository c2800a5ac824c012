using Project01.Tests;
using System.Globalization;


namespace Project01.Cli.Tests;

public sealed class IndicatorsCommandTests
{
    private static readonly string[] Columns = ["sma20", "ema20", "rsi14", "atr14", "tr", "macd", "macd_signal", "bb_dn", "bb_mavg", "bb_up", "bb_pctb", "sd20"];

    [Fact]
    public async Task MatchesTheTtrReferenceColumnForColumn()
    {
        var output = Path.Combine(TestPaths.NewTempDirectory("ind"), "out.csv");
        var run = await P01.RunAsync("indicators", "--input", TestPaths.BundledData("sp500-daily-2000-2020.csv"), "--output", output);
        Assert.True(run.ExitCode == 0, run.Stderr);

        var actual = File.ReadAllLines(output);
        var expected = File.ReadAllLines(TestPaths.Fixture("ttr", "ttr-sp500-indicators.csv"));
        Assert.Equal("date," + string.Join(',', Columns), actual[0]);
        Assert.Equal(expected.Length, actual.Length);
        var reference = expected[0].Split(',');
        for (var row = 1; row < expected.Length; row++)
        {
            var a = actual[row].Split(',');
            var e = expected[row].Split(',');
            Assert.Equal(e[0], a[0]);
            for (var c = 0; c < Columns.Length; c++)
            {
                var ev = e[Array.IndexOf(reference, Columns[c])];
                var av = a[c + 1];
                Assert.True(ev.Length == 0 == (av.Length == 0), $"{Columns[c]} at {e[0]}: expected '{ev}', got '{av}'");
                if (ev.Length == 0) continue;
                var x = double.Parse(ev, CultureInfo.InvariantCulture);
                var y = double.Parse(av, CultureInfo.InvariantCulture);
                var scale = Columns[c] is "rsi14" or "bb_pctb" ? 1 : Columns[c] is "macd" or "macd_signal" ? double.Parse(e[1], CultureInfo.InvariantCulture) : 0;
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), scale), $"{Columns[c]} at {e[0]}: expected {ev}, got {av}");
            }
        }
    }

    [Fact]
    public async Task CloseOnlyInputLeavesRangeIndicatorsEmpty()
    {
        var dir = TestPaths.NewTempDirectory("ind");
        var input = Path.Combine(dir, "closes.csv");
        await File.WriteAllLinesAsync(input, new[] { "date,close" }.Concat(File.ReadLines(TestPaths.BundledData("sp500-daily-2000-2020.csv")).Skip(1).Take(60)
            .Select(l => { var f = l.Split(','); return $"{f[0]},{f[4]}"; })), TestContext.Current.CancellationToken);
        var run = await P01.RunAsync("indicators", "--input", input);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(61, lines.Length);
        var last = lines[^1].Split(',');
        Assert.Equal("", last[1 + Array.IndexOf(Columns, "atr14")]);
        Assert.Equal("", last[1 + Array.IndexOf(Columns, "tr")]);
        Assert.NotEqual("", last[1 + Array.IndexOf(Columns, "rsi14")]);
        Assert.Contains("close only", run.Stderr);
    }

    [Fact]
    public async Task ABadRowStopsWithLineAndFieldAndWritesNothing()
    {
        var dir = TestPaths.NewTempDirectory("ind");
        var input = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(input, "date,open,high,low,close,volume\n2020-01-02,10,11,9,10.5,100\n2020-01-03,10,11,9,oops,100\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(dir, "out.csv");

        var run = await P01.RunAsync("indicators", "--input", input, "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.csv:3: field 'close'", run.Stderr);
        Assert.Contains("'oops' is not a number", run.Stderr);
        Assert.False(File.Exists(output));
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task DatesMustMoveForward()
    {
        var input = Path.Combine(TestPaths.NewTempDirectory("ind"), "unordered.csv");
        await File.WriteAllTextAsync(input, "date,close\n2020-01-03,10\n2020-01-02,11\n", TestContext.Current.CancellationToken);
        var run = await P01.RunAsync("indicators", "--input", input);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unordered.csv:3: field 'date'", run.Stderr);
    }

    [Fact]
    public async Task IntradayBarsGetTheDailyEnginesValuesAndOneTimestampForm()
    {
        // The same values stamped as one-minute bars from 1900-01-01 00:00 (exchange-local, no zone): the indicators
        // count bars, not days, so every value must equal the daily run's; every stamp is a full UTC timestamp.
        var dir = TestPaths.NewTempDirectory("ind");
        var daily = File.ReadLines(TestPaths.BundledData("sp500-daily-2000-2020.csv")).Take(301).ToArray();
        var dailyInput = Path.Combine(dir, "daily.csv");
        var minuteInput = Path.Combine(dir, "minutes.csv");
        await File.WriteAllLinesAsync(dailyInput, daily, TestContext.Current.CancellationToken);
        var start = new DateTime(1900, 1, 1, 0, 0, 0);
        await File.WriteAllLinesAsync(minuteInput, daily.Take(1).Concat(daily.Skip(1).Select((l, i) =>
            start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + l[l.IndexOf(',')..])), TestContext.Current.CancellationToken);

        var dailyRun = await P01.RunAsync("indicators", "--input", dailyInput);
        var minuteRun = await P01.RunAsync("indicators", "--input", minuteInput, "--tz", "America/New_York");
        Assert.True(minuteRun.ExitCode == 0, minuteRun.Stderr);

        var d = dailyRun.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var m = minuteRun.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(d.Length, m.Length);
        Assert.Equal(d[0], m[0]);
        for (var row = 1; row < d.Length; row++)
        {
            // New York kept EST (UTC-5) all year in 1900: minute i is at 05:00 + i UTC.
            Assert.Equal(start.AddHours(5).AddMinutes(row - 1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), m[row][..m[row].IndexOf(',')]);
            Assert.Equal(d[row][d[row].IndexOf(',')..], m[row][m[row].IndexOf(',')..]);
        }
        Assert.Equal("1900-01-01T00:00:00Z", (await P01.RunAsync("indicators", "--input", minuteInput)).Stdout.Split('\n')[1].Split(',')[0]);
    }
}
