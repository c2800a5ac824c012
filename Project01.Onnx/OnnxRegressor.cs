using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Project01.Onnx.Explanations;
using Project01.Onnx.Scoring;

namespace Project01.Onnx;

/// <summary>
/// A regression model in ONNX, run by ONNX Runtime: one session created once and reused (sessions are thread safe).
/// CUDA is tried when asked for and falls back to CPU with the reason recorded in <see cref="ExecutionProviderNote"/>.
/// A plain sum of trees (what the GBMs export) is scored by <see cref="TreeEnsembleScorer"/> instead, read from the same
/// file: the same floats, three to eight times the rows per second of ONNX Runtime's tree operator on one thread.
/// </summary>
public sealed class OnnxRegressor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly TreeEnsembleScorer? _trees;

    /// <param name="treeKernel">Score a plain tree ensemble with <see cref="TreeEnsembleScorer"/> (false: always ONNX
    /// Runtime, as the benchmarks compare).</param>
    public OnnxRegressor(byte[] model, bool preferCuda = false, bool treeKernel = true)
    {
        (_session, ExecutionProvider, ExecutionProviderNote) = CreateSession(model, preferCuda);
        var input = _session.InputMetadata.Single();
        _inputName = input.Key;
        FeatureCount = input.Value.Dimensions[^1];
        if (FeatureCount <= 0) throw new InvalidDataException($"ONNX input '{_inputName}' has no fixed feature dimension");
        _outputName = _session.OutputMetadata.Keys.FirstOrDefault(k => k.StartsWith("Score", StringComparison.Ordinal))
            ?? _session.OutputMetadata.Keys.First();
        HasBand = _session.OutputMetadata.ContainsKey(OnnxModelWriter.LowerName) && _session.OutputMetadata.ContainsKey(OnnxModelWriter.UpperName);
        if (treeKernel && !HasBand && ScoringGraph.TryRead(model, out _) is { Trees: { } trees } graph
            && ScoringGraph.OutputName(graph.Model.Graph) == _outputName)
        {
            _trees = TreeEnsembleScorer.TryCreate(trees, FeatureCount, out _);
            if (_trees is not null)
                ExecutionProviderNote += _trees.RanksSplits ? "; trees scored by Project01's tree kernel (ranked splits, AVX-512)" : "; trees scored by Project01's tree kernel";
        }
    }

    /// <summary>Whether the model forecasts its own 10–90 % band (<c>Lower</c>/<c>Upper</c> outputs, as TFT and DeepAR do).</summary>
    public bool HasBand { get; }

    public int FeatureCount { get; }
    public string ExecutionProvider { get; }
    public string ExecutionProviderNote { get; private set; }

    private static (InferenceSession, string, string) CreateSession(byte[] model, bool preferCuda)
    {
        if (preferCuda)
        {
            try
            {
                var cuda = SessionOptions.MakeSessionOptionWithCudaProvider(0);
                return (new InferenceSession(model, cuda), "CUDA", "CUDA execution provider on device 0");
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or TypeInitializationException)
            {
                var options = CpuOptions();
                return (new InferenceSession(model, options), "CPU", $"CUDA unavailable, using CPU: {FirstLine(e.Message)}");
            }
        }
        return (new InferenceSession(model, CpuOptions()), "CPU", "CPU execution provider (CUDA not requested)");
    }

    private static SessionOptions CpuOptions() => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
    };

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <summary>Scores rows stored row-major in <paramref name="features"/> ([rows × FeatureCount]).</summary>
    public float[] Predict(ReadOnlySpan<float> features) => Predict(features.ToArray());

    /// <summary>Scores rows stored row-major in an array the caller hands over (wrapped, not copied).</summary>
    public float[] Predict(float[] features)
    {
        var rows = Rows(features);
        if (_trees is not null) return _trees.Predict(features);
        var tensor = new DenseTensor<float>(features, [rows, FeatureCount]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)], [_outputName]);
        var output = results[0].AsEnumerable<float>().ToArray();
        if (output.Length != rows) throw new InvalidDataException($"model returned {output.Length} values for {rows} rows");
        return output;
    }

    /// <summary>Point and band in one run; the band is null when the model has none.</summary>
    public (float[] Score, float[]? Lower, float[]? Upper) PredictWithBand(float[] features)
    {
        if (!HasBand) return (Predict(features), null, null);
        var rows = Rows(features);
        var tensor = new DenseTensor<float>(features, [rows, FeatureCount]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)], [_outputName, OnnxModelWriter.LowerName, OnnxModelWriter.UpperName]);
        return (results[0].AsEnumerable<float>().ToArray(), results[1].AsEnumerable<float>().ToArray(), results[2].AsEnumerable<float>().ToArray());
    }

    /// <summary>The model's own band, or null when it has none.</summary>
    public (float[] Lower, float[] Upper)? PredictBand(float[] features) =>
        PredictWithBand(features) is (_, { } lower, { } upper) ? (lower, upper) : null;

    /// <summary>Any named outputs (e.g. a TFT's <c>VariableWeights</c> and <c>Attention</c>), flat row-major, by name.</summary>
    public IReadOnlyDictionary<string, float[]> PredictOutputs(float[] features, IReadOnlyList<string> outputs)
    {
        var rows = Rows(features);
        var tensor = new DenseTensor<float>(features, [rows, FeatureCount]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)], outputs);
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }

    public IReadOnlyCollection<string> OutputNames => [.. _session.OutputMetadata.Keys];

    private int Rows(float[] features) => features.Length % FeatureCount == 0
        ? features.Length / FeatureCount
        : throw new ArgumentException($"expected a multiple of {FeatureCount} values, got {features.Length}");

    public void Dispose() => _session.Dispose();
}
