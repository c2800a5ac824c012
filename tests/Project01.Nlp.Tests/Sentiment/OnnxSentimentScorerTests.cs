using Project01.Nlp.Sentiment;
using Project01.Nlp.Sentiment.Lexicon;
using Project01.Nlp.Sentiment.Onnx;
using Project01.Tests.Onnx;

namespace Project01.Nlp.Tests.Sentiment;

public sealed class OnnxSentimentScorerTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    private const double Tolerance = 1e-5;

    private static readonly string[] Texts =
    [
        "Profit rose, a strong quarter.",
        "Weak sales and a LOSS.",
        "Oil price",
        "",
        "gains",
        "Shares fell; sales were bad, the results were bad.",
    ];

    private OnnxSentimentOptions Options(string? model = null, int batchSize = 16, int maxLength = 512, string? labels = null) => new()
    {
        ModelPath = model ?? files.Default,
        VocabPath = files.Vocab,
        BatchSize = batchSize,
        MaxLength = maxLength,
        LabelOrder = labels ?? OnnxSentimentOptions.FinBertLabelOrder,
    };

    [Fact]
    public void LogitsAreTheModelsMaskedMeanProjectionComputedIndependently()
    {
        using var scorer = new OnnxSentimentScorer(Options());
        string[] texts = ["Profit rose, a strong quarter.", "Weak sales and a LOSS."];
        // Word pieces by hand from the vocabulary ("and" is not in it).
        int[][] ids =
        [
            TestVocabulary.Encode("profit", "rose", ",", "a", "strong", "quarter", "."),
            TestVocabulary.Encode("weak", "sales", "[UNK]", "a", "loss", "."),
        ];

        var results = scorer.Classify(texts);

        Assert.Equal(2, results.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = files.Model.Logits(ids[i]);
            Assert.Equal(3, results[i].Logits.Count);
            for (var k = 0; k < 3; k++) Assert.Equal(expected[k], results[i].Logits[k], Tolerance);
        }
        Assert.Equal(SentimentLabels.Positive, results[0].Label);
        Assert.Equal(SentimentLabels.Negative, results[1].Label);
    }

    [Fact]
    public void ProbabilitiesAreTheSoftmaxAndTheScoreIsPositiveMinusNegative()
    {
        using var scorer = new OnnxSentimentScorer(Options());
        var results = scorer.Classify(Texts);
        var scores = scorer.Score(Texts);

        Assert.Equal(Texts.Length, results.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            var r = results[i];
            Assert.Equal(1.0, r.Probabilities.Sum(), 1e-12);
            var exp = r.Logits.Select(l => Math.Exp(l)).ToArray();
            for (var k = 0; k < 3; k++) Assert.Equal(exp[k] / exp.Sum(), r.Probabilities[k], 1e-9);
            Assert.Equal(r.Probabilities[0] - r.Probabilities[1], scores[i].Score, 1e-12);
            Assert.Equal(r.Labels[Array.IndexOf([.. r.Probabilities], r.Probabilities.Max())], scores[i].Label);
            Assert.InRange(scores[i].Score, -1, 1);
            Assert.Equal("onnx:tiny-finbert", scores[i].Scorer);
        }
    }

    [Fact]
    public void BatchingAndPaddingDoNotChangeATextsResult()
    {
        using var oneByOne = new OnnxSentimentScorer(Options(batchSize: 1));
        using var inPairs = new OnnxSentimentScorer(Options(batchSize: 2));
        using var allAtOnce = new OnnxSentimentScorer(Options(batchSize: 64));

        var single = oneByOne.Classify(Texts);
        // Reversed order puts the long texts first, so short ones are padded differently than above.
        foreach (var batched in new[] { inPairs.Classify(Texts), allAtOnce.Classify([.. Texts.Reverse()]).Reverse().ToList() })
        {
            Assert.Equal(single.Count, batched.Count);
            for (var i = 0; i < single.Count; i++)
                for (var k = 0; k < 3; k++) Assert.Equal(single[i].Logits[k], batched[i].Logits[k], Tolerance);
        }
    }

    [Fact]
    public void TruncatesAtTheMaximumLength()
    {
        using var scorer = new OnnxSentimentScorer(Options(maxLength: 4));
        // Only [CLS] profit rose [SEP] fit; the loss that follows is cut off, so the text reads positive.
        var result = scorer.Classify(["profit rose, then a loss, a loss, a weak quarter and bad results"])[0];

        var expected = files.Model.Logits(TestVocabulary.Encode("profit", "rose"));
        for (var k = 0; k < 3; k++) Assert.Equal(expected[k], result.Logits[k], Tolerance);
        Assert.Equal(SentimentLabels.Positive, result.Label);

        using var untruncated = new OnnxSentimentScorer(Options());
        Assert.Equal(SentimentLabels.Negative, untruncated.Classify(["profit rose, then a loss, a loss, a weak quarter and bad results"])[0].Label);
    }

    [Fact]
    public void LabelOrderMapsTheModelsColumnsToLabels()
    {
        using var finbertOrder = new OnnxSentimentScorer(Options());
        using var reordered = new OnnxSentimentScorer(Options(files.Reordered, labels: "neutral,positive,negative"));
        using var misread = new OnnxSentimentScorer(Options(files.Reordered));

        var expected = finbertOrder.Score(Texts);
        var actual = reordered.Score(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].Score, actual[i].Score, 1e-6);
        }
        Assert.Equal(["neutral", "positive", "negative"], reordered.Labels);
        // Read with the wrong order, the same model gives different answers: the option is not decorative.
        Assert.NotEqual(expected.Select(s => s.Label), misread.Score(Texts).Select(s => s.Label));
    }

    [Fact]
    public void AModelWithoutTokenTypeIdsIsFedOnlyTheInputsItDeclares()
    {
        using var full = new OnnxSentimentScorer(Options());
        using var reduced = new OnnxSentimentScorer(Options(files.WithoutTokenTypes));
        var expected = full.Classify(Texts);
        var actual = reduced.Classify(Texts);
        for (var i = 0; i < Texts.Length; i++)
            for (var k = 0; k < 3; k++) Assert.Equal(expected[i].Logits[k], actual[i].Logits[k], Tolerance);
    }

    [Fact]
    public void TwoClassModelsScoreWithoutANeutralLabel()
    {
        using var scorer = new OnnxSentimentScorer(Options(files.TwoClasses, labels: "positive,negative"));
        var scores = scorer.Score(Texts);
        Assert.All(scores, s => Assert.Contains(s.Label, new[] { SentimentLabels.Positive, SentimentLabels.Negative }));
        Assert.True(scores[0].Score > 0 && scores[1].Score < 0);
    }

    [Fact]
    public void AMismatchedModelFailsAtLoadWithAClearMessage()
    {
        var classes = Assert.Throws<InvalidDataException>(() => new OnnxSentimentScorer(Options(labels: "positive,negative")));
        Assert.Contains("3 classes", classes.Message);

        var output = Assert.Throws<InvalidDataException>(() => new OnnxSentimentScorer(Options(files.OtherOutputName)));
        Assert.Contains("no output 'logits'", output.Message);
        Assert.Contains("scores", output.Message);
        using var named = new OnnxSentimentScorer(new OnnxSentimentOptions { ModelPath = files.OtherOutputName, VocabPath = files.Vocab, OutputName = "scores" });
        Assert.Equal(SentimentLabels.Positive, named.Score(Texts[0]).Label);

        Assert.Throws<ArgumentException>(() => new OnnxSentimentScorer(Options(labels: "positive,bullish,negative")));
        Assert.Throws<FileNotFoundException>(() => new OnnxSentimentScorer(Options(Path.Combine(files.Directory, "missing.onnx"))));
        Assert.Throws<ArgumentException>(() => new OnnxSentimentScorer(new OnnxSentimentOptions { ModelPath = files.Default }));
    }

    [Fact]
    public void CudaRequestedWithoutAGpuBuildFallsBackToCpuAndSaysWhy()
    {
        // This project ships the CPU build of ONNX Runtime, which has no CUDA provider on any machine.
        var options = Options();
        options.PreferCuda = true;
        using var scorer = new OnnxSentimentScorer(options);
        Assert.Equal("CPU", scorer.ExecutionProvider);
        Assert.StartsWith("CUDA unavailable, using CPU", scorer.ExecutionProviderNote);
        Assert.Equal(SentimentLabels.Positive, scorer.Score(Texts[0]).Label);

        using var cpu = new OnnxSentimentScorer(Options());
        Assert.Equal("CPU execution provider (CUDA not requested)", cpu.ExecutionProviderNote);
    }

    [Fact]
    public void TheFactoryPicksOnnxWhenAModelIsConfiguredAndTheLexiconOtherwise()
    {
        Assert.IsType<LexiconSentimentScorer>(SentimentScorers.Create(null));
        Assert.IsType<LexiconSentimentScorer>(SentimentScorers.Create(new OnnxSentimentOptions()));
        var onnx = SentimentScorers.Create(Options());
        Assert.IsType<OnnxSentimentScorer>(onnx);
        ((IDisposable)onnx).Dispose();
    }
}
