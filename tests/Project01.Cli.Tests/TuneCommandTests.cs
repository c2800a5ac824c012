using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class TuneCommandTests
{
    private static readonly string Sp500 = TestPaths.BundledData("sp500-daily-2000-2020.csv");

    // No registry database, whatever the machine has set: these runs must not write to one.
    private static readonly Dictionary<string, string?> NoDatabase = new() { ["ConnectionStrings__p01db"] = null };

    private static async Task<(JsonElement Result, string Stderr)> TuneAsync(params string[] args)
    {
        var run = await P01.RunAsync(NoDatabase, ["tune", "--input", Sp500, "--train-end", "2013-12-31", "--valid-end", "2016-12-31", .. args]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // one JSON object, nothing else on stdout
        return (JsonDocument.Parse(lines[0]).RootElement, run.Stderr);
    }

    [Fact]
    public async Task RidgeOnSp500VolatilityPrintsTheBestTrialAndItsTestLossNextToTheNaiveBaseline()
    {
        string[] args = ["--model", "ridge", "--target", "vol5", "--trials", "10", "--folds", "3", "--seed", "3", "--parallel", "1"];
        var (result, stderr) = await TuneAsync(args);

        Assert.Equal(("ridge", "vol5", "tpe", "qlike"), (result.GetProperty("model").GetString(), result.GetProperty("target").GetString(),
            result.GetProperty("sampler").GetString(), result.GetProperty("loss").GetString()));
        var trials = result.GetProperty("trials");
        Assert.Equal(10, trials.GetProperty("completed").GetInt32() + trials.GetProperty("pruned").GetInt32());
        var folds = result.GetProperty("folds").EnumerateArray().ToList();
        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.True(string.CompareOrdinal(f.GetProperty("test_end").GetString(), "2016-12-31") <= 0));
        Assert.Equal("2017-01-03", result.GetProperty("test").GetProperty("start").GetString());

        var best = result.GetProperty("best");
        var foldLosses = best.GetProperty("fold_losses").EnumerateArray().Select(l => l.GetDouble()).ToList();
        Assert.Equal(3, foldLosses.Count);
        Assert.Equal(foldLosses.Average(), best.GetProperty("cv_loss").GetDouble(), 12);
        var alpha = double.Parse(best.GetProperty("params").GetProperty("alpha").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(alpha, 1e-6, 100);
        var (test, naive) = (result.GetProperty("test_loss").GetDouble(), result.GetProperty("naive_test_loss").GetDouble());
        Assert.Equal(test, result.GetProperty("model_metrics").GetProperty("qlike").GetDouble(), 12);
        Assert.True(test < naive, $"test QLIKE {test} vs naive {naive}");
        Assert.False(result.GetProperty("registry").GetProperty("recorded").GetBoolean());
        Assert.Contains("trials are not recorded", stderr);
        Assert.Equal(10, stderr.Split('\n').Count(l => l.StartsWith('[')));

        // One trial at a time from the same seed: the same study again.
        var (again, _) = await TuneAsync(args);
        Assert.Equal(best.GetRawText(), again.GetProperty("best").GetRawText());
    }

    [Fact]
    public async Task LightGbmIsTunedOverItsOwnParametersByRandomSearch()
    {
        var (result, _) = await TuneAsync("--model", "lightgbm", "--target", "vol5", "--trials", "4", "--folds", "2", "--sampler", "random", "--parallel", "2");

        Assert.Equal(("random", 2), (result.GetProperty("sampler").GetString(), result.GetProperty("parallel").GetInt32()));
        Assert.Equal(["iterations", "learning_rate", "leaves", "min_leaf_examples"],
            result.GetProperty("best").GetProperty("params").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.InRange(result.GetProperty("test_loss").GetDouble(), 0.05, 2);
    }

    [Theory]
    [InlineData("har", "tpe", "no search space for model 'har'")]
    [InlineData("ridge", "grid", "unknown sampler 'grid'")]
    public async Task AnUntunableModelOrUnknownSamplerIsRefused(string model, string sampler, string message)
    {
        var run = await P01.RunAsync(NoDatabase, "tune", "--input", Sp500, "--model", model, "--target", "vol5", "--sampler", sampler,
            "--train-end", "2013-12-31", "--valid-end", "2016-12-31");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }
}
