using Project01.DeepForecasting;
using Project01.DeepForecasting.Networks;
using Project01.DeepForecasting.Training;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Tests;

/// <summary>Random window rows laid out as <c>SequenceInputs.Window</c> writes them, and the wrapping a network needs to
/// be scored and exported without a training run.</summary>
internal static class Windows
{
    public static List<float[]> Random(int count, NetworkShape shape, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float[]>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new float[shape.Lookback * shape.Features + shape.Known + 1];
            for (var j = 0; j < row.Length - 1; j++) row[j] = (float)(random.NextDouble() * 2 - 1);
            row[^1] = random.Next(shape.SymbolBuckets);
            rows.Add(row);
        }
        return rows;
    }

    public static WindowScaler Scaler(NetworkShape shape, bool logTarget = false) =>
        new([.. Enumerable.Range(0, shape.Features).Select(f => 0.1f * f)], [.. Enumerable.Range(0, shape.Features).Select(f => 1f + 0.5f * f)],
            logTarget ? -4.5 : 0.001, logTarget ? 0.4 : 0.012, logTarget);

    public static DeepForecaster Wrap(string algorithm, IDeepNetwork network, NetworkShape shape, WindowScaler scaler) =>
        new(algorithm, network, scaler, shape, CPU, new DeepTrainingReport([], 0, 0, "cpu"));

    /// <summary>Replaces every parameter (embeddings included) with random values, so no path is left at its zero start.</summary>
    public static void Randomize(IDeepNetwork network, int seed)
    {
        using var _ = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var p in network.Module.parameters()) p.copy_(randn(p.shape, generator: generator) * 0.3);
    }
}
