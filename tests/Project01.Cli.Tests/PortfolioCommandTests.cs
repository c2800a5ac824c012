using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class PortfolioCommandTests
{
    private static readonly string Dow30 = TestPaths.BundledData("dowjones30-daily-close-1991-2000.csv");

    [Fact]
    public async Task BacktestsTheDow30TestYearsAgainstEqualWeight()
    {
        var run = await P01.RunAsync(["portfolio", "--input", Dow30, "--test-start", "1997-01-01", "--method", "all", "--cost-bps", "10"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // one JSON object, nothing else on stdout
        var result = JsonDocument.Parse(lines[0]).RootElement;

        Assert.Equal(30, result.GetProperty("assets").GetInt32());
        Assert.Equal("1997-01-02", result.GetProperty("test_start").GetString());
        Assert.InRange(result.GetProperty("test_days").GetInt32(), 1000, 1015); // four years of sessions
        var methods = result.GetProperty("methods").EnumerateObject().ToDictionary(m => m.Name, m => m.Value);
        Assert.Superset(new HashSet<string> { "ew-buy-hold", "ew", "mv", "min-var", "rp", "ppo" }, methods.Keys.ToHashSet());
        foreach (var (name, m) in methods)
        {
            var weights = m.GetProperty("final_weights").EnumerateObject().Select(w => w.Value.GetDouble()).ToList();
            Assert.Equal(30, weights.Count);
            Assert.All(weights, w => Assert.InRange(w, 0, 1));
            Assert.Equal(1, weights.Sum() + m.GetProperty("cash").GetDouble(), 9);
            Assert.InRange(m.GetProperty("max_drawdown").GetDouble(), 0.01, 0.9);
            Assert.InRange(m.GetProperty("annual_volatility").GetDouble(), 0.05, 0.6);
            Assert.True(m.GetProperty("total_cost").GetDouble() > 0, $"{name} paid no costs");
        }
        // The benchmark trades once (in from cash); monthly equal weight trades every month, so it pays more.
        Assert.Equal(0.001, methods["ew-buy-hold"].GetProperty("total_cost").GetDouble(), 9);
        Assert.True(methods["ew"].GetProperty("total_cost").GetDouble() > 0.001);
        Assert.Equal(49, methods["ew"].GetProperty("rebalances").GetInt32());
        // Mean-variance respects its default 0.2 cap.
        Assert.All(methods["mv"].GetProperty("final_weights").EnumerateObject(), w => Assert.True(w.Value.GetDouble() <= 0.2 * 1.5)); // drifted since the last rebalance
    }

    [Fact]
    public async Task AnUnknownMethodIsRefused()
    {
        var run = await P01.RunAsync(["portfolio", "--input", Dow30, "--test-start", "1997-01-01", "--method", "magic"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--method", run.Stderr + run.Stdout);
    }
}
