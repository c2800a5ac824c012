namespace Project01.Nlp.Sentiment.Onnx;

/// <summary>
/// A BERT-family sequence classifier exported to ONNX with Hugging Face's signature: int64 inputs <c>input_ids</c>,
/// <c>attention_mask</c>, <c>token_type_ids</c> [batch, seq] (a model may declare a subset) and float output
/// <c>logits</c> [batch, labels]. Bind from configuration section <see cref="Section"/>.
/// </summary>
public sealed class OnnxSentimentOptions
{
    public const string Section = "Nlp:Sentiment:Onnx";

    /// <summary>ProsusAI/finbert's config.json: id2label = {0: positive, 1: negative, 2: neutral}.</summary>
    public const string FinBertLabelOrder = "positive,negative,neutral";

    /// <summary>The .onnx file (e.g. FinBERT exported with <c>optimum-cli export onnx --model ProsusAI/finbert</c>).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>The model's WordPiece vocab.txt, one token per line, id = line index.</summary>
    public string VocabPath { get; set; } = "";

    /// <summary>The labels of the logits columns, comma separated, in the model's id order; each one of positive,
    /// negative, neutral (neutral may be absent for two-class models). A string, not a list, so configuration binding
    /// replaces it instead of appending to the default.</summary>
    public string LabelOrder { get; set; } = FinBertLabelOrder;

    /// <summary>Tokens per text including [CLS] and [SEP]; longer texts are truncated (BERT's position table is 512).</summary>
    public int MaxLength { get; set; } = 512;

    /// <summary>Texts per ONNX Runtime call; each batch is padded to its longest text.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Lower-case before WordPiece: true for uncased vocabularies such as FinBERT's (bert-base-uncased).</summary>
    public bool LowerCase { get; set; } = true;

    public string OutputName { get; set; } = "logits";

    /// <summary>Try CUDA first (needs the GPU build of ONNX Runtime); falls back to CPU and logs why.</summary>
    public bool PreferCuda { get; set; }

    public int CudaDeviceId { get; set; }

    /// <summary>Threads for one inference on CPU; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Reported as the scorer's name; default <c>onnx:&lt;model file name&gt;</c>.</summary>
    public string? Name { get; set; }

    internal string[] Labels()
    {
        var labels = LabelOrder.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.ToLowerInvariant()).ToArray();
        if (labels.Any(l => !SentimentLabels.All.Contains(l)) || labels.Distinct().Count() != labels.Length
            || !labels.Contains(SentimentLabels.Positive) || !labels.Contains(SentimentLabels.Negative))
            throw new ArgumentException($"LabelOrder '{LabelOrder}' must list positive and negative (and optionally neutral) once each, in the model's id order");
        return labels;
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath)) throw new ArgumentException("ONNX sentiment: ModelPath is not set");
        if (string.IsNullOrWhiteSpace(VocabPath)) throw new ArgumentException("ONNX sentiment: VocabPath is not set (the model's vocab.txt)");
        if (!File.Exists(ModelPath)) throw new FileNotFoundException($"ONNX sentiment model not found: {ModelPath}", ModelPath);
        if (!File.Exists(VocabPath)) throw new FileNotFoundException($"WordPiece vocab not found: {VocabPath}", VocabPath);
        if (MaxLength < 2) throw new ArgumentException($"MaxLength must be at least 2 ([CLS] and [SEP]), got {MaxLength}");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1, got {BatchSize}");
        _ = Labels();
    }
}
