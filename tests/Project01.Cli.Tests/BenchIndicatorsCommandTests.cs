using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class BenchIndicatorsCommandTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePanelRunWritesWhatPlainIndicatorsWritesForEachSymbol()
    {
        var dir = TestPaths.NewTempDirectory("bench-ind");
        var panel = Path.Combine(dir, "panel.csv");
        var made = await P01.RunAsync("bench", "panel", "--symbols", "3", "--days", "300", "--output", panel);
        Assert.True(made.ExitCode == 0, made.Stderr);
        Assert.Contains("synthetic", made.Stderr);

        var output = Path.Combine(dir, "out.csv");
        var run = await P01.RunAsync("bench", "indicators", "--input", panel, "--output", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal((900, 3), (json.RootElement.GetProperty("rows").GetInt64(), json.RootElement.GetProperty("symbols").GetInt32()));
        Assert.True(json.RootElement.GetProperty("compute_rows_per_second").GetDouble() > 0);

        // One symbol cut out of the panel through plain `p01 indicators` gives the same rows.
        var lines = await File.ReadAllLinesAsync(panel, _ct);
        var single = Path.Combine(dir, "one.csv");
        await File.WriteAllLinesAsync(single, ["date,open,high,low,close,volume", .. lines.Skip(1).Where(l => l.Split(',')[1] == "SYN0001")
            .Select(l => { var f = l.Split(','); return string.Join(',', f[0], f[2], f[3], f[4], f[5], f[6]); })], _ct);
        var plain = (await P01.RunAsync("indicators", "--input", single)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fromPanel = (await File.ReadAllLinesAsync(output, _ct)).Where(l => l.Split(',')[1] == "SYN0001")
            .Select(l => { var f = l.Split(','); return string.Join(',', f.Where((_, i) => i != 1)); }).ToArray();
        Assert.Equal(plain.Skip(1), fromPanel);
    }
}
