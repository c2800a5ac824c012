using Microsoft.ML.OnnxRuntime;
using Project01.DeepForecasting.Networks;
using Project01.DeepForecasting.Networks.Tft;
using Project01.DeepForecasting.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Tests.Tft;

/// <summary>The Temporal Fusion Transformer: shapes, its quantile loss, that it learns, ONNX parity, seeds and save/load.</summary>
public sealed class TftTests
{
    private const int F = 4, L = 6, K = 2, Buckets = 1024;
    private static readonly NetworkShape Shape = new(F, L, K, Buckets);
    private static readonly DeepConfig Config = new() { Hidden = 8, Heads = 2, SymbolEmbedding = 4, Dropout = 0.1 };

    private static (Tensor Observed, Tensor Known, Tensor Symbol) Inputs(int batch) =>
        (randn(batch, L, F), randn(batch, K), randint(0, Buckets, [batch], dtype: int64));

    [Fact]
    public void Forward_and_Interpret_give_the_documented_shapes()
    {
        torch.manual_seed(1);
        using var net = new TemporalFusionTransformer(Shape, Config);
        net.eval();
        using var _ = no_grad();
        var (observed, known, symbol) = Inputs(5);
        var forecast = net.Forward(observed, known, symbol);
        foreach (var t in new[] { forecast.Point, forecast.Lower, forecast.Upper }) Assert.Equal([5L], t.shape);
        Assert.True((forecast.Lower <= forecast.Point).all().item<bool>() && (forecast.Point <= forecast.Upper).all().item<bool>());

        var (weights, attention) = net.Interpret(observed, known, symbol);
        Assert.Equal([5L, (long)F], weights.shape);
        Assert.Equal([5L, (long)L], attention.shape);
        Assert.True((weights >= 0).all().item<bool>());
        Assert.True((weights.sum(1) - 1).abs().max().item<float>() < 1e-5f);
        Assert.True((attention >= 0).all().item<bool>());
        var sums = attention.sum(1);
        Assert.True((sums <= 1 + 1e-6f).all().item<bool>() && (sums > 0).all().item<bool>());
    }

    [Fact]
    public void Dropout_acts_in_training_mode_only()
    {
        torch.manual_seed(2);
        using var net = new TemporalFusionTransformer(Shape, Config with { Dropout = 0.5 });
        using var _ = no_grad();
        var (observed, known, symbol) = Inputs(8);
        net.train();
        Assert.False(net.Forward(observed, known, symbol).Point.eq(net.Forward(observed, known, symbol).Point).all().item<bool>());
        net.eval();
        Assert.True(net.Forward(observed, known, symbol).Point.eq(net.Forward(observed, known, symbol).Point).all().item<bool>());
    }

    [Fact]
    public void Hidden_not_divisible_by_heads_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new TemporalFusionTransformer(Shape, Config with { Hidden = 10, Heads = 3 }));
        Assert.Contains("Heads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantile_loss_is_the_mean_pinball_loss()
    {
        // Row 1: errors y − ŷ = 1.5, 0.5, −0.5 → 0.1·1.5, 0.5·0.5, 0.1·0.5 = 0.15, 0.25, 0.05.
        // Row 2: errors −1, −2, −2.5 → 0.9·1, 0.5·2, 0.1·2.5 = 0.9, 1, 0.25. Mean of the six: 2.6 / 6.
        using var predictions = tensor(new float[] { 0, 1, 2, -1, 0, 0.5f }, [2, 3]);
        using var target = tensor(new float[] { 1.5f, -2 });
        Assert.Equal(2.6 / 6, QuantileLoss.Compute(predictions, target).item<float>(), 5);
        // The forecast overload orders them lower (0.1), point (0.5), upper (0.9).
        var forecast = new DeepForecast(predictions.select(1, 1), predictions.select(1, 0), predictions.select(1, 2));
        Assert.Equal(2.6 / 6, QuantileLoss.Compute(forecast, target).item<float>(), 5);
        // A perfect median with a collapsed band costs nothing.
        Assert.Equal(0, QuantileLoss.Compute(tensor(new float[] { 3, 3, 3 }, [1, 3]), tensor(new float[] { 3 })).item<float>(), 6);
    }

    [Fact]
    public void Overfits_one_batch()
    {
        torch.manual_seed(3);
        using var net = new TemporalFusionTransformer(Shape, Config with { Dropout = 0 });
        var (observed, known, symbol) = Inputs(32);
        var target = randn(32);
        using var optimizer = optim.Adam(net.parameters(), 1e-2);
        net.train();
        var start = net.Loss(observed, known, symbol, target).item<float>();
        for (var step = 0; step < 300; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            net.Loss(observed, known, symbol, target).backward();
            optimizer.step();
        }
        net.eval();
        float end;
        using (no_grad()) end = net.Loss(observed, known, symbol, target).item<float>();
        Assert.True(end < 0.1 * start, $"loss {start} → {end}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Onnx_graph_matches_TorchSharp(bool staticInformation)
    {
        torch.manual_seed(11);
        var net = new TemporalFusionTransformer(Shape, Config);
        if (staticInformation)
        {
            using var _ = no_grad();
            net.named_parameters().Single(p => p.name == "symbolEmbedding.weight").parameter.copy_(randn(Buckets, Config.SymbolEmbedding));
        }
        var random = new Random(5);
        var scaler = new WindowScaler([.. Enumerable.Range(0, F).Select(_ => (float)random.NextDouble() - 0.5f)],
            [.. Enumerable.Range(0, F).Select(_ => 0.5f + (float)random.NextDouble())], 0.3, 2.0, false);
        using var forecaster = new DeepForecaster("tft", net, scaler, Shape, CPU, new DeepTrainingReport([], 0, 0, "cpu"));
        const int n = 17;
        var width = forecaster.FeatureCount;
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            var row = new float[width];
            for (var j = 0; j < width - 1; j++) row[j] = (float)(random.NextDouble() * 4 - 2);
            row[^1] = random.Next(Buckets);
            return row;
        }).ToList();

        var (point, lower, upper) = forecaster.Score(rows);
        Tensor weights, attention;
        using (no_grad())
        {
            net.eval();
            using var data = new WindowTensors(rows, scaler, F, L, K, CPU);
            (weights, attention) = net.Interpret(data.Observed, data.Known, data.Symbol);
        }

        using var session = new InferenceSession(forecaster.ToOnnx());
        var input = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [n, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)]);
        float[] Read(string name) => [.. results.Single(r => r.Name == name).AsTensor<float>()];
        AssertClose(point, Read("Score"));
        AssertClose(lower, Read("Lower"));
        AssertClose(upper, Read("Upper"));
        AssertClose([.. weights.data<float>().Select(v => (double)v)], Read("VariableWeights"));
        AssertClose([.. attention.data<float>().Select(v => (double)v)], Read("Attention"));
        Assert.Equal(n * F, Read("VariableWeights").Length);
        Assert.Equal(n * L, Read("Attention").Length);

        if (staticInformation)
        {
            // The static path is live: the same windows under other symbols forecast differently.
            var moved = rows.Select(r => { var c = (float[])r.Clone(); c[^1] = (c[^1] + 1) % Buckets; return c; }).ToList();
            Assert.True(forecaster.Score(moved).Point.Zip(point).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
        }
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 1e-4, $"max abs diff {worst}");
    }

    [Fact]
    public void Same_seed_same_parameters_other_seed_different()
    {
        static float[][] Parameters(int seed)
        {
            torch.manual_seed(seed);
            using var net = new TemporalFusionTransformer(Shape, Config);
            return [.. net.parameters().Select(p => p.detach().contiguous().data<float>().ToArray())];
        }
        var (a, b, c) = (Parameters(21), Parameters(21), Parameters(22));
        Assert.Equal(a.Length, b.Length);
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second));
        Assert.Contains(a.Zip(c), p => !p.First.SequenceEqual(p.Second));
    }

    [Fact]
    public void Save_and_load_round_trip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tft-{Guid.NewGuid():N}.ckpt");
        try
        {
            torch.manual_seed(31);
            using var net = new TemporalFusionTransformer(Shape, Config);
            using (no_grad())
                net.named_parameters().Single(p => p.name == "symbolEmbedding.weight").parameter.copy_(randn(Buckets, Config.SymbolEmbedding));
            net.save(path);
            torch.manual_seed(32);
            using var loaded = new TemporalFusionTransformer(Shape, Config);
            loaded.load(path);
            net.eval();
            loaded.eval();
            using var _ = no_grad();
            var (observed, known, symbol) = Inputs(9);
            var (x, y) = (net.Forward(observed, known, symbol), loaded.Forward(observed, known, symbol));
            Assert.Equal(x.Point.data<float>().ToArray(), y.Point.data<float>().ToArray());
            Assert.Equal(x.Lower.data<float>().ToArray(), y.Lower.data<float>().ToArray());
            Assert.Equal(x.Upper.data<float>().ToArray(), y.Upper.data<float>().ToArray());
            Assert.Equal(net.Interpret(observed, known, symbol).Attention.data<float>().ToArray(),
                loaded.Interpret(observed, known, symbol).Attention.data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
