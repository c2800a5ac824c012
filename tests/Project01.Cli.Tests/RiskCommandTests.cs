using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class RiskCommandTests
{
    private static readonly string Sp500 = TestPaths.BundledData("sp500-daily-2000-2020.csv");

    private static async Task<(JsonElement Json, string Stdout)> RiskAsync(params string[] args)
    {
        var run = await P01.RunAsync(["risk", .. args]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // one JSON object, nothing else on stdout
        return (JsonDocument.Parse(lines[0]).RootElement, lines[0]);
    }

    [Fact]
    public async Task BacktestsTheSp500TestSpanAndReportsTheLatestRisk()
    {
        // The platform's test span, 2017 to April 2020: the calm of 2017 and the March 2020 crash.
        var (result, _) = await RiskAsync("--input", Sp500, "--test-start", "2017-01-01");

        Assert.Equal(10_000, result.GetProperty("paths").GetInt32());
        var latest = result.GetProperty("latest");
        Assert.Equal("2020-04-17", latest.GetProperty("as_of").GetString());
        var garch = latest.GetProperty("garch");
        Assert.Equal("gjr", result.GetProperty("model").GetString());
        // The S&P 500's leverage effect: a fall raises tomorrow's variance far more than a rise (α sits at its bound, 0).
        Assert.True(garch.GetProperty("alpha").GetDouble() >= 0 && garch.GetProperty("beta").GetDouble() > 0);
        Assert.True(garch.GetProperty("gamma").GetDouble() > garch.GetProperty("alpha").GetDouble() + 0.1, garch.ToString());
        Assert.InRange(garch.GetProperty("persistence").GetDouble(), 0.9, 1); // equity-index volatility is persistent
        Assert.InRange(latest.GetProperty("next_day_volatility").GetDouble(), 0.015, 0.06); // mid-April 2020 was still stormy

        var risk = latest.GetProperty("risk").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("horizon_days").GetInt32(), r.GetProperty("level").GetDouble()));
        Assert.Equal([(1, 0.95), (1, 0.99), (10, 0.95), (10, 0.99)], risk.Keys.Order());
        foreach (var horizon in new[] { 1, 10 })
        {
            var (var95, var99) = (risk[(horizon, 0.95)].GetProperty("var").GetDouble(), risk[(horizon, 0.99)].GetProperty("var").GetDouble());
            Assert.True(var99 > var95 && var95 > 0, $"{horizon} days: VaR95 {var95}, VaR99 {var99}");
            Assert.All(risk.Values, r => Assert.True(r.GetProperty("es").GetDouble() >= r.GetProperty("var").GetDouble()));
        }
        Assert.True(risk[(10, 0.99)].GetProperty("var").GetDouble() > risk[(1, 0.99)].GetProperty("var").GetDouble());

        var backtest = result.GetProperty("backtest");
        Assert.Equal("2017-01-03", backtest.GetProperty("start").GetString()); // the first session on or after --test-start
        var days = backtest.GetProperty("days").GetInt32();
        Assert.InRange(days, 820, 835);
        var levels = backtest.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal([0.95, 0.99], levels.Select(l => l.GetProperty("level").GetDouble()));
        foreach (var level in levels)
        {
            var exceptions = level.GetProperty("exceptions").GetInt32();
            Assert.Equal(days, level.GetProperty("observations").GetInt32());
            Assert.Equal(days * (1 - level.GetProperty("level").GetDouble()), level.GetProperty("expected").GetDouble(), 9);
            Assert.Equal((double)exceptions / days, level.GetProperty("exception_rate").GetDouble(), 12);
            var t = level.GetProperty("transitions");
            var (n00, n01, n10, n11) = (t.GetProperty("n00").GetInt32(), t.GetProperty("n01").GetInt32(), t.GetProperty("n10").GetInt32(), t.GetProperty("n11").GetInt32());
            Assert.Equal(days - 1, n00 + n01 + n10 + n11);
            Assert.InRange(exceptions - (n01 + n11), 0, 1); // every exceedance but perhaps the first day's is a transition into one
            foreach (var p in new[] { "kupiec_p", "ind_p", "cc_p" }) Assert.InRange(level.GetProperty(p).GetDouble(), 0, 1);
            Assert.Equal(level.GetProperty("kupiec_lr").GetDouble() + level.GetProperty("christoffersen_ind_lr").GetDouble(), level.GetProperty("cc_lr").GetDouble(), 9);
            var tenDay = level.GetProperty("long_horizon");
            Assert.Equal(10, tenDay.GetProperty("horizon_days").GetInt32());
            Assert.Equal(days / 10, tenDay.GetProperty("observations").GetInt32());
            Assert.InRange(tenDay.GetProperty("exceptions").GetInt32(), 0, tenDay.GetProperty("observations").GetInt32());
        }
        // A higher VaR every day can only be exceeded on fewer days.
        Assert.True(levels[1].GetProperty("exceptions").GetInt32() <= levels[0].GetProperty("exceptions").GetInt32());
        // GARCH + FHS keeps the 99 % exception rate within a factor of about 2.5 of nominal even through March 2020.
        Assert.InRange(levels[1].GetProperty("exception_rate").GetDouble(), 0.004, 0.025);
        Assert.InRange(levels[0].GetProperty("exception_rate").GetDouble(), 0.03, 0.07);
    }

    [Fact]
    public async Task GjrFitsTheSp500BetterThanGarchAndItsExceptionsClusterLess()
    {
        // Three seeds a model: one seed's Christoffersen p-value moves with a single pair of consecutive exceptions.
        var runs = await Task.WhenAll(from model in new[] { "gjr", "garch" }
                                      from seed in new[] { "1", "2", "3" }
                                      select RiskAsync("--input", Sp500, "--test-start", "2017-01-01", "--model", model, "--seed", seed));
        var (gjr, garch) = (runs[..3].Select(r => r.Json).ToList(), runs[3..].Select(r => r.Json).ToList());
        Assert.All(garch, r => Assert.Equal("garch", r.GetProperty("model").GetString()));
        Assert.All(garch, r => Assert.Equal(0, r.GetProperty("latest").GetProperty("garch").GetProperty("gamma").GetDouble()));

        // One more parameter on 5,000 returns: a likelihood-ratio test would ask for a gain of 1.92; it is over 100.
        static double LogLikelihood(JsonElement r) => r.GetProperty("latest").GetProperty("garch").GetProperty("log_likelihood").GetDouble();
        Assert.True(LogLikelihood(gjr[0]) > LogLikelihood(garch[0]) + 50, $"GJR {LogLikelihood(gjr[0])}, GARCH {LogLikelihood(garch[0])}");
        // Out of sample, 95 % VaR: GARCH's exceptions come in runs after falls (independence p 0.004-0.02 here); GJR
        // raises the next day's VaR more after a fall, so fewer exceptions follow one.
        static double Independence(JsonElement r) => r.GetProperty("backtest").GetProperty("levels")[0].GetProperty("ind_p").GetDouble();
        Assert.True(gjr.Average(Independence) > 2 * garch.Average(Independence),
            $"independence p: GJR {string.Join(", ", gjr.Select(Independence))}; GARCH {string.Join(", ", garch.Select(Independence))}");
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameOutputAndTestEndCutsTheSeries()
    {
        string[] args = ["--input", Sp500, "--test-start", "2018-01-01", "--test-end", "2018-12-31", "--paths", "1000", "--levels", "0.99,0.975"];
        var (first, firstText) = await RiskAsync(args);
        var (_, secondText) = await RiskAsync(args);
        Assert.Equal(firstText, secondText);

        Assert.Equal("2018-12-31", first.GetProperty("latest").GetProperty("as_of").GetString());
        Assert.Equal("2018-12-31", first.GetProperty("backtest").GetProperty("end").GetString());
        Assert.Equal([0.975, 0.99], first.GetProperty("backtest").GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("level").GetDouble()));
    }

    [Theory]
    [InlineData("--test-start is required")]
    [InlineData("--test-start: 'soon' is not a date", "--test-start", "soon")]
    [InlineData("--levels: '0.95,x' is not a list", "--test-start", "2017-01-01", "--levels", "0.95,x")]
    [InlineData("levels are confidence levels between 0 and 1", "--test-start", "2017-01-01", "--levels", "95")]
    [InlineData("--refit-every is a number of days", "--test-start", "2017-01-01", "--refit-every", "0")]
    [InlineData("at least 100 paths", "--test-start", "2017-01-01", "--paths", "5")]
    [InlineData("--model: 'egarch' is not a model; use gjr or garch", "--test-start", "2017-01-01", "--model", "egarch")]
    [InlineData("--test-end comes before --test-start", "--test-start", "2017-01-01", "--test-end", "2016-01-01")]
    [InlineData("no return on or after --test-start", "--test-start", "2030-01-01")]
    [InlineData("at least 100 returns of history", "--test-start", "2000-02-01")]
    public async Task BadFlagsAreRefusedWithAReason(string message, params string[] flags)
    {
        var run = await P01.RunAsync(["risk", "--input", Sp500, .. flags]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout.Trim());
    }
}
