using System.Globalization;
using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class DriftCommandTests
{
    private static readonly string[] TopKeys = ["reference", "current", "reference_rows", "current_rows", "columns", "drifted_share", "dataset_drift"];
    private static readonly string[] ColumnKeys = ["psi", "ks_stat", "ks_p", "wasserstein", "js", "drifted"];

    [Fact]
    public async Task ComparesTwoFilesIntoOneJsonObjectWithTheContractedKeys()
    {
        var dir = TestPaths.NewTempDirectory("drift");
        // x shifts by three standard deviations; y is the same numbers in another order; label is text and not compared.
        var reference = await WriteAsync(dir, "reference.csv", "date,x,y,label", i => $"2020-01-{i % 28 + 1:00},{i},{(i * 7) % 60},a");
        var current = await WriteAsync(dir, "current.csv", "date,x,y,label", i => $"2020-02-{i % 28 + 1:00},{i + 52},{(i * 11) % 60},b");

        var run = await P01.RunAsync("drift", "--reference", reference, "--current", current);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(TopKeys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(reference, root.GetProperty("reference").GetString());
        Assert.Equal(current, root.GetProperty("current").GetString());
        Assert.Equal((60, 60), (root.GetProperty("reference_rows").GetInt32(), root.GetProperty("current_rows").GetInt32()));
        var columns = root.GetProperty("columns");
        Assert.Equal(["x", "y"], columns.EnumerateObject().Select(p => p.Name));
        foreach (var column in columns.EnumerateObject())
            Assert.Equal(ColumnKeys, column.Value.EnumerateObject().Select(p => p.Name));
        var x = columns.GetProperty("x");
        Assert.True(x.GetProperty("drifted").GetBoolean());
        Assert.Equal(52.0 / 60, x.GetProperty("ks_stat").GetDouble(), 12);
        Assert.Equal(52 / StdDev(Enumerable.Range(0, 60).Select(i => (double)i)), x.GetProperty("wasserstein").GetDouble(), 9);
        var y = columns.GetProperty("y");
        Assert.False(y.GetProperty("drifted").GetBoolean());
        Assert.Equal(0, y.GetProperty("ks_stat").GetDouble());
        Assert.Equal(0, y.GetProperty("psi").GetDouble());
        Assert.Equal(0.5, root.GetProperty("drifted_share").GetDouble());
        Assert.True(root.GetProperty("dataset_drift").GetBoolean());
        Assert.Contains("1 of 2 columns drifted (x)", run.Stderr);
    }

    [Fact]
    public async Task PriceSeriesAreComparedOnTheirModelInputsAndFailOnAlertExitsThree()
    {
        var dir = TestPaths.NewTempDirectory("drift");
        var lines = File.ReadAllLines(TestPaths.BundledData("sp500-daily-2000-2020.csv"));
        var calm = Path.Combine(dir, "sp500-2005.csv");
        var crash = Path.Combine(dir, "sp500-crash.csv");
        // Closes only: the inputs that need high and low are left out, with a note.
        await File.WriteAllLinesAsync(calm, ["date,close", .. lines.Where(l => l.StartsWith("2005-", StringComparison.Ordinal)).Select(CloseOnly)], TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(crash, ["date,close", .. lines.Where(l => string.CompareOrdinal(l, "2008-10") >= 0 && string.CompareOrdinal(l, "2009-04") < 0).Select(CloseOnly)],
            TestContext.Current.CancellationToken);

        var run = await P01.RunAsync("drift", "--reference", calm, "--current", crash, "--fail-on-alert");

        Assert.True(run.ExitCode == 3, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var columns = json.RootElement.GetProperty("columns");
        Assert.True(columns.GetProperty("logret").GetProperty("drifted").GetBoolean());
        Assert.True(columns.GetProperty("rv20").GetProperty("drifted").GetBoolean());
        Assert.False(columns.TryGetProperty("close", out _));
        Assert.False(columns.TryGetProperty("atr14_pct", out _));
        Assert.True(json.RootElement.GetProperty("dataset_drift").GetBoolean());
        Assert.Contains("close only", run.Stderr);
    }

    [Fact]
    public async Task ANonNumericValueStopsWithFileLineAndField()
    {
        var dir = TestPaths.NewTempDirectory("drift");
        var reference = await WriteAsync(dir, "reference.csv", "x,y", i => $"{i},{i * 2}");
        var current = await WriteAsync(dir, "current.csv", "x,y", i => i == 4 ? $"{i},abc" : $"{i},{i * 2}");

        var run = await P01.RunAsync("drift", "--reference", reference, "--current", current);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("current.csv:6: field 'y': 'abc' is not a number", run.Stderr); // header, then rows 0…4
    }

    [Theory]
    [InlineData(new string[] { }, "give a registered MODEL")]
    [InlineData(new[] { "--reference", "a.csv" }, "--reference and --current go together")]
    [InlineData(new[] { "ret1-lightgbm", "--reference", "a.csv", "--current", "b.csv" }, "not both")]
    [InlineData(new[] { "--reference", "a.csv", "--current", "b.csv", "--save" }, "apply to a registered model")]
    public async Task NeedsAModelOrBothFiles(string[] arguments, string message)
    {
        var run = await P01.RunAsync(["drift", .. arguments]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stderr + run.Stdout);
        Assert.DoesNotContain("{", run.Stdout);
    }

    private static async Task<string> WriteAsync(string dir, string name, string header, Func<int, string> row)
    {
        var path = Path.Combine(dir, name);
        await File.WriteAllLinesAsync(path, [header, .. Enumerable.Range(0, 60).Select(row)], TestContext.Current.CancellationToken);
        return path;
    }

    private static string CloseOnly(string line)
    {
        var fields = line.Split(',');
        return $"{fields[0]},{fields[4]}";
    }

    private static double StdDev(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
