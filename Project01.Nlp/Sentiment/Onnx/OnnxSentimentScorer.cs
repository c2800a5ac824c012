using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Project01.Nlp.Sentiment.Onnx;

/// <summary>
/// FinBERT-style sentiment: <see cref="BertInputEncoder"/> word pieces into an ONNX Runtime session (created once;
/// sessions are thread safe), texts in batches padded to the longest, softmax over <c>logits</c>; score =
/// p(positive) − p(negative), label = argmax. Works unchanged with ProsusAI/finbert exported to ONNX.
/// </summary>
public sealed partial class OnnxSentimentScorer : ISentimentScorer, IDisposable
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    private static readonly string[] KnownInputs = [InputIds, AttentionMask, TokenTypeIds];

    private readonly OnnxSentimentOptions _options;
    private readonly InferenceSession _session;
    private readonly string[] _inputs;
    private readonly string[] _labels;

    public OnnxSentimentScorer(OnnxSentimentOptions options, ILogger<OnnxSentimentScorer>? logger = null)
    {
        options.Validate();
        _options = options;
        _labels = options.Labels();
        Encoder = new BertInputEncoder(options.VocabPath, options.MaxLength, options.LowerCase);
        Name = options.Name ?? $"onnx:{Path.GetFileNameWithoutExtension(options.ModelPath)}";
        try
        {
            (_session, ExecutionProvider, ExecutionProviderNote) = CreateSession(options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{options.ModelPath}: not a loadable ONNX model: {e.Message.Split('\n')[0].Trim()}", e);
        }
        try
        {
            _inputs = CheckSignature();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        var log = logger ?? (ILogger)NullLogger.Instance;
        if (options.PreferCuda && ExecutionProvider != "CUDA") LogFellBack(log, Name, ExecutionProviderNote);
        else LogLoaded(log, Name, ExecutionProvider, ExecutionProviderNote);
    }

    public string Name { get; }
    public string ExecutionProvider { get; }
    public string ExecutionProviderNote { get; }
    public IReadOnlyList<string> Labels => _labels;
    public BertInputEncoder Encoder { get; }

    public IReadOnlyList<SentimentScore> Score(IReadOnlyList<string> texts) =>
        [.. Classify(texts).Select(p => new SentimentScore(p.Label, Math.Clamp(p.Score, -1, 1), Name))];

    public IReadOnlyList<SentimentProbabilities> Classify(IReadOnlyList<string> texts)
    {
        var results = new List<SentimentProbabilities>(texts.Count);
        for (var start = 0; start < texts.Count; start += _options.BatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(_options.BatchSize, texts.Count - start)).Select(i => Encoder.Encode(texts[i])).ToArray();
            results.AddRange(RunBatch(batch));
        }
        return results;
    }

    private IEnumerable<SentimentProbabilities> RunBatch(int[][] batch)
    {
        var rows = batch.Length;
        var length = batch.Max(ids => ids.Length);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        Array.Fill(ids, Encoder.PaddingId);
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < batch[r].Length; t++)
            {
                ids[r * length + t] = batch[r][t];
                mask[r * length + t] = 1;
            }

        long[] shape = [rows, length];
        var values = _inputs.Select(name => OrtValue.CreateTensorValueFromMemory(name switch
        {
            InputIds => ids,
            AttentionMask => mask,
            _ => new long[rows * length], // token_type_ids: one segment
        }, shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, _inputs, values, [_options.OutputName]);
            var output = outputs[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            if (outShape.Length != 2 || outShape[0] != rows || outShape[1] != _labels.Length)
                throw new InvalidDataException($"{Name}: '{_options.OutputName}' has shape [{string.Join(", ", outShape)}], expected [{rows}, {_labels.Length}]");
            var logits = output.GetTensorDataAsSpan<float>();
            var results = new SentimentProbabilities[rows];
            for (var r = 0; r < rows; r++)
            {
                var row = logits.Slice(r * _labels.Length, _labels.Length);
                results[r] = new SentimentProbabilities(_labels, row.ToArray(), SentimentProbabilities.Softmax(row));
            }
            return results;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    /// <summary>Which of the three inputs the model wants (exports may drop token_type_ids), checked once up front so a
    /// wrong model fails at load with a clear message rather than mid-batch.</summary>
    private string[] CheckSignature()
    {
        foreach (var (name, meta) in _session.InputMetadata)
        {
            if (!KnownInputs.Contains(name))
                throw new InvalidDataException($"{Name}: unexpected model input '{name}'; a BERT classifier takes {string.Join(", ", KnownInputs)}");
            if (meta.ElementDataType != TensorElementType.Int64)
                throw new InvalidDataException($"{Name}: input '{name}' is {meta.ElementDataType}, expected Int64");
        }
        if (!_session.InputMetadata.ContainsKey(InputIds)) throw new InvalidDataException($"{Name}: the model has no '{InputIds}' input");
        if (!_session.OutputMetadata.TryGetValue(_options.OutputName, out var output))
            throw new InvalidDataException($"{Name}: no output '{_options.OutputName}'; outputs: {string.Join(", ", _session.OutputMetadata.Keys)}");
        if (output.ElementDataType != TensorElementType.Float)
            throw new InvalidDataException($"{Name}: output '{_options.OutputName}' is {output.ElementDataType}, expected Float");
        if (output.Dimensions is [_, > 0 and var width] && width != _labels.Length)
            throw new InvalidDataException($"{Name}: the model has {width} classes, LabelOrder lists {_labels.Length} ({_options.LabelOrder})");
        return [.. KnownInputs.Where(_session.InputMetadata.ContainsKey)];
    }

    private static (InferenceSession, string, string) CreateSession(OnnxSentimentOptions options)
    {
        if (options.PreferCuda)
        {
            try
            {
                var cuda = SessionOptions.MakeSessionOptionWithCudaProvider(options.CudaDeviceId);
                return (new InferenceSession(options.ModelPath, cuda), "CUDA", $"CUDA execution provider on device {options.CudaDeviceId}");
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or TypeInitializationException)
            {
                return (new InferenceSession(options.ModelPath, CpuOptions(options)), "CPU", $"CUDA unavailable, using CPU: {e.Message.Split('\n')[0].Trim()}");
            }
        }
        return (new InferenceSession(options.ModelPath, CpuOptions(options)), "CPU", "CPU execution provider (CUDA not requested)");
    }

    private static SessionOptions CpuOptions(OnnxSentimentOptions options) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        IntraOpNumThreads = options.IntraOpThreads,
    };

    public void Dispose() => _session.Dispose();

    [LoggerMessage(LogLevel.Information, "Sentiment model {Name} on {Provider}: {Note}")]
    private static partial void LogLoaded(ILogger logger, string name, string provider, string note);

    [LoggerMessage(LogLevel.Warning, "Sentiment model {Name}: CUDA was requested but is not available, running on CPU: {Note}")]
    private static partial void LogFellBack(ILogger logger, string name, string note);
}
