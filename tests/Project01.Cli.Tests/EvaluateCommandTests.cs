using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class EvaluateCommandTests
{
    private static readonly string Sp500 = TestPaths.BundledData("sp500-daily-2000-2020.csv");
    private static readonly string Dow30 = TestPaths.BundledData("dowjones30-daily-close-1991-2000.csv");

    private static async Task<JsonElement> EvaluateAsync(params string[] args)
    {
        var run = await P01.RunAsync(["evaluate", .. args]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // one JSON object, nothing else on stdout
        return JsonDocument.Parse(lines[0]).RootElement;
    }

    private static double Metric(JsonElement result, string group, string name) => result.GetProperty(group).GetProperty(name).GetDouble();

    [Fact]
    public async Task CalibratedIntervalsCoverTheTestSpanIncludingTheCovidCrash()
    {
        // Test span 2017-01 to 2020-04: the calm of 2017 and the March 2020 crash.
        var result = await EvaluateAsync("--input", Sp500, "--target", "ret1", "--model", "ridge", "--train-end", "2013-12-31", "--valid-end", "2016-12-31",
            "--interval", "0.9");
        Assert.Equal(0.9, result.GetProperty("interval_level").GetDouble());
        Assert.InRange(result.GetProperty("coverage").GetDouble(), 0.87, 0.93);
        Assert.InRange(result.GetProperty("interval_width").GetDouble(), 0.005, 0.1); // a daily-return interval, not a fixed ±100 bp band
        var intervals = result.GetProperty("intervals").EnumerateArray().ToDictionary(i => i.GetProperty("level").GetDouble());
        Assert.Equal([0.8, 0.9], intervals.Keys.Order());
        Assert.InRange(intervals[0.8].GetProperty("coverage").GetDouble(), 0.77, 0.83);
        Assert.True(intervals[0.8].GetProperty("interval_width").GetDouble() < intervals[0.9].GetProperty("interval_width").GetDouble());
        // Adaptive conformal inference holds both levels within two points over the span (split conformal: 78.7 and 88.5 %).
        Assert.InRange(result.GetProperty("adaptive_coverage").GetDouble(), 0.88, 0.92);
        foreach (var level in new[] { 0.8, 0.9 })
            Assert.InRange(intervals[level].GetProperty("adaptive_coverage").GetDouble(), level - 0.02, level + 0.02);
        var years = intervals[0.9].GetProperty("by_year").EnumerateArray().ToList();
        Assert.Equal([2017, 2018, 2019, 2020], years.Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal(intervals[0.9].GetProperty("n").GetInt32(), years.Sum(y => y.GetProperty("n").GetInt32()));
        // The crash year is where the intervals fall short most.
        Assert.Equal(2020, years.MinBy(y => y.GetProperty("coverage").GetDouble()).GetProperty("year").GetInt32());
        // DtACI holds the span too, and in the crash year covers more than ACI with its one small step (84 % against 81 %).
        Assert.InRange(result.GetProperty("dynamic_coverage").GetDouble(), 0.88, 0.92);
        foreach (var level in new[] { 0.8, 0.9 })
            Assert.InRange(intervals[level].GetProperty("dynamic_coverage").GetDouble(), level - 0.02, level + 0.02);
        var crash = years.Single(y => y.GetProperty("year").GetInt32() == 2020);
        Assert.True(crash.GetProperty("dynamic_coverage").GetDouble() > crash.GetProperty("adaptive_coverage").GetDouble(), crash.ToString());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    public async Task AnIntervalLevelOutsideZeroToOneIsRefused(string level)
    {
        var run = await P01.RunAsync("evaluate", "--input", Sp500, "--target", "ret1", "--model", "ridge", "--train-end", "2013-12-31", "--valid-end", "2016-12-31",
            "--interval", level);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--interval is a coverage level between 0 and 1", run.Stderr);
    }

    [Fact]
    public async Task HarForecastsSp500VolatilityBetterThanTheNaiveForecastByQlike()
    {
        var result = await EvaluateAsync("--input", Sp500, "--target", "vol5", "--model", "har", "--train-end", "2013-12-31", "--valid-end", "2016-12-31");

        Assert.Equal(("vol5", "har"), (result.GetProperty("target").GetString(), result.GetProperty("model").GetString()));
        var test = result.GetProperty("test");
        Assert.Equal("2017-01-03", test.GetProperty("start").GetString()); // the first session after --valid-end
        Assert.True(test.GetProperty("n").GetInt32() > 800);
        foreach (var key in new[] { "rmse", "qlike", "r2" })
        {
            Assert.True(double.IsFinite(Metric(result, "model_metrics", key)), key);
            Assert.True(double.IsFinite(Metric(result, "naive_metrics", key)), key);
        }
        Assert.True(Metric(result, "model_metrics", "qlike") < Metric(result, "naive_metrics", "qlike"));
        Assert.InRange(result.GetProperty("onnx_parity_max_abs").GetDouble(), 0, 1e-5);
    }

    [Fact]
    public async Task ACloseOnlySeriesGetsReturnMetricsForModelAndNaive()
    {
        var input = Path.Combine(TestPaths.NewTempDirectory("eval"), "spx-closes.csv");
        await File.WriteAllLinesAsync(input, new[] { "date,close" }.Concat(File.ReadLines(Sp500).Skip(1)
            .Select(l => { var f = l.Split(','); return $"{f[0]},{f[4]}"; })), TestContext.Current.CancellationToken);

        var result = await EvaluateAsync("--input", input, "--target", "ret1", "--model", "ridge", "--train-end", "2013-12-31", "--valid-end", "2016-12-31");

        Assert.Equal(1, result.GetProperty("symbols").GetInt32());
        Assert.True(result.GetProperty("parameters").TryGetProperty("alpha", out _));
        foreach (var group in new[] { "model_metrics", "naive_metrics" })
        {
            Assert.InRange(Metric(result, group, "ic"), -1, 1);
            Assert.InRange(Metric(result, group, "rank_ic"), -1, 1);
            Assert.InRange(Metric(result, group, "directional_accuracy"), 0, 1);
            Assert.InRange(Metric(result, group, "rmse"), 0.001, 0.1);
            Assert.False(result.GetProperty(group).TryGetProperty("daily_rank_ic", out _)); // one series: no cross-section
        }
        // Persistence of daily index returns is a poor forecast; a fitted ridge must at least beat its error.
        Assert.True(Metric(result, "model_metrics", "rmse") < Metric(result, "naive_metrics", "rmse"));
    }

    [Fact]
    public async Task APanelReportsDailyCrossSectionalRankIcAndIcir()
    {
        var result = await EvaluateAsync("--input", Dow30, "--target", "ret1", "--model", "xgboost", "--train-end", "1995-12-31", "--valid-end", "1997-12-31");

        Assert.Equal(30, result.GetProperty("symbols").GetInt32());
        Assert.Equal("daily_rank_ic", result.GetProperty("selected_by").GetString());
        Assert.Equal("1998-01-02", result.GetProperty("test").GetProperty("start").GetString());
        Assert.Equal(756, Metric(result, "model_metrics", "days")); // 1998–2000 trading days
        var (model, naive) = (Metric(result, "model_metrics", "daily_rank_ic"), Metric(result, "naive_metrics", "daily_rank_ic"));
        Assert.InRange(model, -1, 1);
        Assert.True(double.IsFinite(Metric(result, "model_metrics", "daily_rank_icir")));
        // Yesterday's return ranks tomorrow's backwards (short-term reversal); the model ranks them the right way round.
        Assert.True(naive < 0 && model > 0, $"daily rank IC: model {model}, naive {naive}");
        Assert.InRange(result.GetProperty("onnx_parity_max_abs").GetDouble(), 0, 1e-5);
    }

    [Fact]
    public async Task WalkForwardFoldsArePurgedAndStayBeforeTheTestSpan()
    {
        var result = await EvaluateAsync("--input", Sp500, "--target", "vol5", "--model", "har", "--train-end", "2013-12-31", "--valid-end", "2016-12-31", "--folds", "3");

        var folds = result.GetProperty("walk_forward").EnumerateArray().ToList();
        Assert.Equal(3, folds.Count);
        Assert.All(folds, f =>
        {
            Assert.True(string.CompareOrdinal(f.GetProperty("test_end").GetString(), "2016-12-31") <= 0);
            Assert.Equal(5, f.GetProperty("purged").GetInt32()); // one series, 5-day labels: the five before each test fold
            Assert.True(double.IsFinite(f.GetProperty("metrics").GetProperty("qlike").GetDouble()));
        });
        Assert.True(folds.Zip(folds.Skip(1)).All(p => p.First.GetProperty("train_n").GetInt32() < p.Second.GetProperty("train_n").GetInt32()));
    }

    [Fact]
    public async Task ABacktestOfTheTestForecastsIsReported()
    {
        var result = await EvaluateAsync("--input", Dow30, "--target", "ret1", "--model", "ridge", "--train-end", "1995-12-31", "--valid-end", "1997-12-31",
            "--backtest", "topk:5:1", "--cost-bps", "10");

        var backtest = result.GetProperty("backtest");
        Assert.Equal("topk:5:1", backtest.GetProperty("strategy").GetString());
        Assert.Equal(756, backtest.GetProperty("periods").GetInt32());
        Assert.InRange(backtest.GetProperty("max_drawdown").GetDouble(), 0.001, 1);
        Assert.InRange(backtest.GetProperty("hit_rate").GetDouble(), 0.3, 0.7);
        // TopkDropout(5, 1) swaps at most one name a day: traded notional at most 2 × 1/5 plus rebalancing drift.
        Assert.InRange(backtest.GetProperty("turnover").GetDouble(), 0.05, 0.6);
        Assert.Equal(Metric(result, "model_metrics", "daily_rank_ic"), backtest.GetProperty("rank_ic").GetDouble(), 6);
    }

    [Fact]
    public async Task ABadRowIsOneLineNamingFileLineAndField()
    {
        var input = Path.Combine(TestPaths.NewTempDirectory("eval"), "bad.csv");
        await File.WriteAllTextAsync(input, "date,symbol,close\n2020-01-02,AA,10\n2020-01-02,BB,n/a\n", TestContext.Current.CancellationToken);

        var run = await P01.RunAsync("evaluate", "--input", input, "--target", "ret1", "--model", "ridge", "--train-end", "2020-01-01", "--valid-end", "2020-01-02");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: bad.csv:3: field 'close': 'n/a' is not a number", line);
    }

    [Fact]
    public async Task DatesMustMoveForwardWithinEachSymbol()
    {
        var input = Path.Combine(TestPaths.NewTempDirectory("eval"), "panel.csv");
        await File.WriteAllTextAsync(input, "date,symbol,close\n2020-01-02,AA,10\n2020-01-02,BB,11\n2020-01-03,AA,10\n2020-01-02,AA,12\n", TestContext.Current.CancellationToken);
        var run = await P01.RunAsync("evaluate", "--input", input, "--target", "ret1", "--model", "ridge", "--train-end", "2020-01-01", "--valid-end", "2020-01-02");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("panel.csv:5: field 'date': 2020-01-02 does not come after AA's previous row (2020-01-03)", run.Stderr);
    }

    [Fact]
    public async Task WithoutXGBoostTheErrorNamesThePackage()
    {
        var run = await P01.RunAsync(new Dictionary<string, string?> { ["P01_XGBOOST_LIBRARY"] = "/nonexistent/libxgboost.so.0" },
            "evaluate", "--input", Sp500, "--target", "ret1", "--model", "xgboost", "--train-end", "2013-12-31", "--valid-end", "2016-12-31");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("tried /nonexistent/libxgboost.so.0", error);
        Assert.Contains("Install the Debian package libxgboost0", error);
    }

    [Theory]
    [InlineData("har", "ret1", "2013-12-31", "har forecasts vol5 only, not ret1 (it is a model of realized volatility)")]
    [InlineData("prophet", "ret1", "2013-12-31", "unknown model 'prophet'")]
    [InlineData("ridge", "ret5", "2013-12-31", "unknown target 'ret5'")]
    [InlineData("ridge", "ret1", "2013-13-31", "--train-end: '2013-13-31' is not a date")]
    [InlineData("ridge", "ret1", "2019-12-31", "not enough examples")]
    public async Task BadOptionsAreOneClearLine(string model, string target, string trainEnd, string message)
    {
        var run = await P01.RunAsync("evaluate", "--input", Sp500, "--target", target, "--model", model, "--train-end", trainEnd, "--valid-end", "2020-03-31");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(message, run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith("error:", StringComparison.Ordinal)));
    }
}
