using System.Globalization;
using Project01.Core.Forecasting;
using Project01.DeepForecasting.Networks;
using Project01.DeepForecasting.Onnx;
using Project01.DeepForecasting.Training;
using Project01.Modeling.Forecasters;
using Project01.Onnx;
using static TorchSharp.torch;

namespace Project01.DeepForecasting;

/// <summary>
/// A trained deep network with the scaling it was trained under: scores window rows natively (TorchSharp) and exports
/// the same computation as one ONNX graph whose input is the flat window row (<c>Features</c>), so the serving side
/// runs it like every other model, and whose <c>Lower</c>/<c>Upper</c> outputs are the network's own 10 % and 90 %
/// quantiles.
/// </summary>
public sealed class DeepForecaster(string algorithm, IDeepNetwork network, WindowScaler scaler, NetworkShape shape, Device device,
    DeepTrainingReport report) : IIntervalForecaster, IDescribesTraining, IDisposable
{
    private const int ScoringBatch = 4096;
    public const long Opset = 17;

    public string Algorithm { get; } = algorithm;
    public int FeatureCount => shape.Lookback * shape.Features + shape.Known + 1;
    public double BandCoverage => 0.8;
    public IDeepNetwork Network => network;
    public WindowScaler Scaler => scaler;
    public NetworkShape Shape => shape;
    public DeepTrainingReport Report => report;

    public double[] Predict(IReadOnlyList<float[]> rows) => Score(rows).Point;

    public IReadOnlyDictionary<string, string> TrainingFacts => new Dictionary<string, string> { ["training_device"] = report.Device };

    public IReadOnlyDictionary<string, double> TrainingMetrics => new Dictionary<string, double>
    {
        ["train_epochs"] = report.Epochs.Count,
        ["train_best_epoch"] = report.BestEpoch,
        ["train_seconds"] = report.TotalSeconds,
        ["train_seconds_per_epoch"] = report.SecondsPerEpoch,
        ["train_samples_per_second"] = report.Epochs.Count == 0 ? 0 : report.Epochs.Average(e => e.SamplesPerSecond),
    };

    public (double[] Lower, double[] Upper) PredictBand(IReadOnlyList<float[]> rows)
    {
        var (_, lower, upper) = Score(rows);
        return (lower, upper);
    }

    /// <summary>Point, lower and upper in label units, computed in float32 as the ONNX graph computes them.</summary>
    public (double[] Point, double[] Lower, double[] Upper) Score(IReadOnlyList<float[]> rows)
    {
        var (point, lower, upper) = (new double[rows.Count], new double[rows.Count], new double[rows.Count]);
        network.Module.eval();
        using var _ = no_grad();
        for (var start = 0; start < rows.Count; start += ScoringBatch)
        {
            var batch = rows.Skip(start).Take(ScoringBatch).ToList();
            using var pause = CollectionPause.Begin();
            using var scope = NewDisposeScope();
            using var data = new WindowTensors(batch, scaler, shape.Features, shape.Lookback, shape.Known, device);
            var forecast = network.Forward(data.Observed, data.Known, data.Symbol);
            Copy(Unscale(forecast.Point), point, start);
            Copy(Unscale(forecast.Lower), lower, start);
            Copy(Unscale(forecast.Upper), upper, start);
        }
        return (point, lower, upper);
    }

    private Tensor Unscale(Tensor z)
    {
        var y = z.reshape(-1).to(float32) * (float)scaler.TargetScale + (float)scaler.TargetMean;
        return scaler.LogTarget ? y.exp() : y;
    }

    private static void Copy(Tensor values, double[] into, int start)
    {
        var data = values.cpu().data<float>().ToArray();
        for (var i = 0; i < data.Length; i++) into[start + i] = data[i];
    }

    public byte[] ToOnnx()
    {
        var g = new OnnxGraph();
        var (l, f, k) = (shape.Lookback, shape.Features, shape.Known);
        var input = OnnxModelWriter.InputName;
        var observed = g.Reshape(g.Slice(input, 1, 0, l * f), -1, l, f);
        observed = g.Div(g.Sub(observed, g.Constant(scaler.Mean, [f], "mean")), g.Constant(scaler.Scale, [f], "scale"));
        var known = g.Slice(input, 1, l * f, l * f + k);
        var symbol = g.Reshape(g.CastToInt64(g.Slice(input, 1, l * f + k, l * f + k + 1)), -1);
        var outputs = network.Export(g, observed, known, symbol);
        g.Output(Unscaled(g, outputs.Point), OnnxModelWriter.OutputName);
        g.Output(Unscaled(g, outputs.Lower), OnnxModelWriter.LowerName);
        g.Output(Unscaled(g, outputs.Upper), OnnxModelWriter.UpperName);
        foreach (var (name, tensor, _) in outputs.Explanations) g.Output(tensor, name);
        var metadata = new Dictionary<string, string>
        {
            ["algorithm"] = Algorithm,
            ["lookback"] = l.ToString(CultureInfo.InvariantCulture),
            ["band"] = "model quantiles 0.1 / 0.9",
            ["target_transform"] = scaler.LogTarget ? "log" : "none",
        };
        return OnnxModelWriter.Write(Algorithm, FeatureCount, g.Nodes, g.Initializers, metadata,
            [(OnnxModelWriter.LowerName, 1), (OnnxModelWriter.UpperName, 1), .. outputs.Explanations.Select(e => (e.Name, e.Width))], Opset);
    }

    /// <summary>z · scale + mean, then exp for a log target: <see cref="Unscale"/> as graph nodes.</summary>
    private string Unscaled(OnnxGraph g, string z)
    {
        var y = g.Add(g.Mul(z, g.Constant([(float)scaler.TargetScale], [1], "ys")), g.Constant([(float)scaler.TargetMean], [1], "ym"));
        return scaler.LogTarget ? g.Exp(y) : y;
    }

    public void Dispose() => network.Dispose();
}
