using System.Text.Json;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed class BenchDeepCommandTests
{
    [Fact]
    public async Task ATinyDeepArRunReportsTrainingSpeedAndLatencyOfBothRuntimes()
    {
        var run = await P01.RunAsync("bench", "deep", "--data", "sp500", "--model", "deepar", "--epochs", "1", "--calls", "20",
            "--hidden", "8", "--lookback", "5");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;

        Assert.True(root.GetProperty("machine").GetProperty("processor_count").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("machine").GetProperty("os").GetString()));
        Assert.Equal("cpu", root.GetProperty("machine").GetProperty("device").GetString());

        var dataset = root.GetProperty("dataset");
        Assert.Equal("sp500", dataset.GetProperty("name").GetString());
        Assert.True(dataset.GetProperty("train_windows").GetInt32() > 0);
        Assert.True(dataset.GetProperty("test_windows").GetInt32() > 0);
        Assert.Equal(5, dataset.GetProperty("lookback").GetInt32());
        Assert.True(dataset.GetProperty("inputs").GetInt32() > 5);

        var models = root.GetProperty("models");
        Assert.Equal(["deepar"], models.EnumerateObject().Select(p => p.Name));
        var deepar = models.GetProperty("deepar");
        var training = deepar.GetProperty("training");
        Assert.Equal(1, training.GetProperty("epochs").GetInt32());
        Assert.True(training.GetProperty("seconds_per_epoch").GetDouble() > 0);
        Assert.True(training.GetProperty("samples_per_second").GetDouble() > 0);

        var inference = deepar.GetProperty("inference");
        foreach (var runtime in new[] { "torchsharp", "onnxruntime" })
        {
            var r = inference.GetProperty(runtime);
            Assert.True(r.GetProperty("p50_us").GetDouble() > 0, runtime);
            Assert.True(r.GetProperty("p99_us").GetDouble() >= r.GetProperty("p50_us").GetDouble(), runtime);
            Assert.True(r.GetProperty("batch_rows_per_second").GetDouble() > 0, runtime);
        }
        Assert.True(inference.GetProperty("onnx_over_torch_p50").GetDouble() > 0);
        // The exported graph computes what the network computes (float32 on both sides).
        Assert.True(inference.GetProperty("max_abs_point_difference").GetDouble() < 1e-3);
    }
}
