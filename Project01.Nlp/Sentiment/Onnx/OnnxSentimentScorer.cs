using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Project01.Nlp.Sentiment.Onnx;

/// <summary>
/// FinBERT-style sentiment: <see cref="BertInputEncoder"/> word pieces into an ONNX Runtime session (created once;
/// sessions are thread safe), texts in length-sorted batches padded to their longest, softmax over <c>logits</c>; score =
/// p(positive) − p(negative), label = argmax. Works unchanged with ProsusAI/finbert exported to ONNX.
/// </summary>
public sealed partial class OnnxSentimentScorer : ISentimentScorer, IDisposable
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    private static readonly string[] KnownInputs = [InputIds, AttentionMask, TokenTypeIds];

    private readonly int _batchSize;
    private readonly string _outputName;
    private readonly InferenceSession _session;
    private readonly string[] _inputs;
    private readonly string[] _labels;

    public OnnxSentimentScorer(OnnxSentimentOptions options, ILogger<OnnxSentimentScorer>? logger = null)
    {
        options.Validate();
        // Copied, so later changes to the options object cannot reach a scorer in use.
        (_batchSize, _outputName) = (options.BatchSize, options.OutputName);
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

    /// <summary>Logits and probabilities per text, in input order. Texts are batched in order of length so each batch
    /// pads little (attention cost grows with the padded length); the order does not change any text's result.</summary>
    public IReadOnlyList<SentimentProbabilities> Classify(IReadOnlyList<string> texts)
    {
        var encoded = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++) encoded[i] = Encoder.Encode(texts[i]);
        var byLength = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();

        var results = new SentimentProbabilities[texts.Count];
        for (var start = 0; start < byLength.Length; start += _batchSize)
        {
            var batch = byLength.AsSpan(start, Math.Min(_batchSize, byLength.Length - start)).ToArray();
            var outputs = RunBatch([.. batch.Select(i => encoded[i])]);
            for (var j = 0; j < batch.Length; j++) results[batch[j]] = outputs[j];
        }
        return results;
    }

    private SentimentProbabilities[] RunBatch(int[][] batch)
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
            using var outputs = _session.Run(runOptions, _inputs, values, [_outputName]);
            var output = outputs[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            if (outShape.Length != 2 || outShape[0] != rows || outShape[1] != _labels.Length)
                throw new InvalidDataException($"{Name}: '{_outputName}' has shape [{string.Join(", ", outShape)}], expected [{rows}, {_labels.Length}]");
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
        if (!_session.OutputMetadata.TryGetValue(_outputName, out var output))
            throw new InvalidDataException($"{Name}: no output '{_outputName}'; outputs: {string.Join(", ", _session.OutputMetadata.Keys)}");
        if (output.ElementDataType != TensorElementType.Float)
            throw new InvalidDataException($"{Name}: output '{_outputName}' is {output.ElementDataType}, expected Float");
        if (output.Dimensions is [_, > 0 and var width] && width != _labels.Length)
            throw new InvalidDataException($"{Name}: the model has {width} classes, LabelOrder lists {_labels.Length} ({string.Join(',', _labels)})");
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
