using Project01.DeepForecasting.Networks;
using Project01.DeepForecasting.Networks.Tft;
using Project01.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Tests.Tft;

/// <summary>A TFT of a target modelled in logs (vol5) forecasts the log-normal mean its quantiles imply, in ONNX too.</summary>
public sealed class TftLogTargetTests
{
    private static readonly NetworkShape Shape = new(Features: 4, Lookback: 6, Known: 2, SymbolBuckets: 1024, LogTargetScale: 0.45);

    [Fact]
    public void ThePointIsTheMeanAboveTheMedianAndOnnxAgrees()
    {
        torch.manual_seed(2);
        using var net = new TemporalFusionTransformer(Shape, new DeepConfig { Hidden = 8, Heads = 2, SymbolEmbedding = 4, Dropout = 0 });
        Windows.Randomize(net, 13);
        var scaler = Windows.Scaler(Shape, logTarget: true);
        using var model = Windows.Wrap("tft", net, Shape, scaler);
        var rows = Windows.Random(40, Shape, 14);
        var (point, lower, upper) = model.Score(rows);

        // The median sits between the bounds in log space; the mean is above it by s·σ²/2 with σ from the 10–90 % spread.
        for (var i = 0; i < rows.Count; i++)
        {
            var sigma = (Math.Log(upper[i]) - Math.Log(lower[i])) / (2 * 1.2815515655446004) / scaler.TargetScale;
            var median = Math.Exp(Math.Log(point[i]) - 0.45 * sigma * sigma / 2 * scaler.TargetScale);
            Assert.True(point[i] > median, $"row {i}: mean {point[i]} not above median {median}");
            Assert.InRange(median, lower[i], upper[i]);
        }

        using var onnx = new OnnxRegressor(model.ToOnnx());
        var (score, onnxLower, onnxUpper) = onnx.PredictWithBand([.. rows.SelectMany(r => r)]);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(point[i], score[i], 1e-4 * point[i]);
            Assert.Equal(lower[i], onnxLower![i], 1e-4 * lower[i]);
            Assert.Equal(upper[i], onnxUpper![i], 1e-4 * upper[i]);
        }
    }
}
