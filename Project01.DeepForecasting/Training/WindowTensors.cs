using Project01.Core.Forecasting;
using TorchSharp;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Training;

/// <summary>
/// Window rows (laid out by <see cref="SequenceInputs.Window"/>) as the tensors a network takes: observed [N, L, F]
/// standardised, known [N, K], symbol [N] int64, and the standardised target [N] when labels are given.
/// </summary>
public sealed class WindowTensors : IDisposable
{
    public WindowTensors(IReadOnlyList<float[]> rows, WindowScaler scaler, int features, int lookback, int known, Device device,
        IReadOnlyList<double>? labels = null)
    {
        var n = rows.Count;
        var width = features * lookback;
        var observed = new float[n * width];
        var knownValues = new float[n * known];
        var symbols = new long[n];
        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            for (var j = 0; j < width; j++)
            {
                var f = j % features;
                observed[i * width + j] = (row[j] - scaler.Mean[f]) / scaler.Scale[f];
            }
            for (var k = 0; k < known; k++) knownValues[i * known + k] = row[width + k];
            symbols[i] = (long)row[width + known];
        }
        Count = n;
        Observed = tensor(observed, [n, lookback, features]).to(device);
        Known = tensor(knownValues, [n, known]).to(device);
        Symbol = tensor(symbols, [n]).to(device);
        Target = labels is null ? null : tensor(labels.Select(scaler.Target).ToArray(), [n]).to(device);
    }

    public int Count { get; }
    public Tensor Observed { get; }
    public Tensor Known { get; }
    public Tensor Symbol { get; }
    public Tensor? Target { get; }

    public void Dispose()
    {
        Observed.Dispose();
        Known.Dispose();
        Symbol.Dispose();
        Target?.Dispose();
    }
}
