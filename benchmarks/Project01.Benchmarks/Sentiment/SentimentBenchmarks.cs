using BenchmarkDotNet.Attributes;
using Project01.Nlp.Corpora;
using Project01.Nlp.Sentiment.Lexicon;
using Project01.Nlp.Sentiment.Onnx;
using Project01.Tests.Onnx;

namespace Project01.Benchmarks.Sentiment;

/// <summary>
/// Documents per second for each scorer over the 70 bundled Reuters articles (heading and body, 1,000 characters on
/// average). Each benchmark scores all 70 in one call; OperationsPerInvoke makes the reported time per document, so
/// documents/s = 1e9 / Mean[ns].
/// <list type="bullet">
/// <item><see cref="Lexicon"/>: the offline default.</item>
/// <item><see cref="OnnxTiny"/>: the tests' tiny model; the cost of tokenising, batching and an ONNX Runtime call.</item>
/// <item><see cref="OnnxBertBase"/>: FinBERT's size and shape (bert-base, 110M parameters) with random weights, or a
/// real export when P01_FINBERT_MODEL and P01_FINBERT_VOCAB name one.</item>
/// </list>
/// </summary>
public class SentimentBenchmarks
{
    private const int Documents = 70;
    private string[] _texts = [];
    private string _directory = "";
    private LexiconSentimentScorer? _lexicon;
    private OnnxSentimentScorer? _onnx;

    private void LoadTexts()
    {
        _texts = [.. ReutersCorpus.Load().Select(a => a.FullText)];
        if (_texts.Length != Documents) throw new InvalidOperationException($"expected {Documents} Reuters articles, found {_texts.Length}");
        _directory = Directory.CreateTempSubdirectory("p01-bench-").FullName;
    }

    [GlobalSetup(Target = nameof(Lexicon))]
    public void SetupLexicon()
    {
        LoadTexts();
        _lexicon = new LexiconSentimentScorer();
    }

    [GlobalSetup(Target = nameof(OnnxTiny))]
    public void SetupTiny()
    {
        LoadTexts();
        var vocab = TestVocabulary.WriteTo(_directory);
        var model = Path.Combine(_directory, "tiny-finbert.onnx");
        File.WriteAllBytes(model, TinySentimentModel.ForVocabulary(TestVocabulary.Tokens).ToOnnx());
        _onnx = new OnnxSentimentScorer(new OnnxSentimentOptions { ModelPath = model, VocabPath = vocab });
    }

    [GlobalSetup(Target = nameof(OnnxBertBase))]
    public void SetupBertBase()
    {
        LoadTexts();
        var (model, vocab) = (Environment.GetEnvironmentVariable("P01_FINBERT_MODEL"), Environment.GetEnvironmentVariable("P01_FINBERT_VOCAB"));
        if (string.IsNullOrEmpty(model) || string.IsNullOrEmpty(vocab))
        {
            vocab = CorpusVocabulary.Write(_texts, _directory);
            model = Path.Combine(_directory, "bert-base-random.onnx");
            File.WriteAllBytes(model, new BertShapedModel(File.ReadLines(vocab).Count()).ToOnnx());
        }
        _onnx = new OnnxSentimentScorer(new OnnxSentimentOptions { ModelPath = model, VocabPath = vocab });
        Console.Error.WriteLine($"// {_onnx.Name}: {_onnx.ExecutionProviderNote}; {_texts.Sum(t => _onnx.Encoder.Encode(t).Length)} tokens in {Documents} documents");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx?.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Documents)]
    public int Lexicon() => _lexicon!.Score(_texts).Count;

    [Benchmark(OperationsPerInvoke = Documents)]
    public int OnnxTiny() => _onnx!.Score(_texts).Count;

    [Benchmark(OperationsPerInvoke = Documents)]
    public int OnnxBertBase() => _onnx!.Score(_texts).Count;
}
