using Microsoft.Extensions.Logging;
using Project01.Nlp.Sentiment.Lexicon;
using Project01.Nlp.Sentiment.Onnx;

namespace Project01.Nlp.Sentiment;

/// <summary>Picks the active scorer: the ONNX model when one is configured, else the bundled lexicon (offline default).</summary>
public static class SentimentScorers
{
    public static ISentimentScorer Create(OnnxSentimentOptions? onnx, ILoggerFactory? loggers = null) =>
        string.IsNullOrWhiteSpace(onnx?.ModelPath)
            ? new LexiconSentimentScorer()
            : new OnnxSentimentScorer(onnx, loggers?.CreateLogger<OnnxSentimentScorer>());
}
