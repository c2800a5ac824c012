using Project01.Nlp.Sentiment;
using Project01.Nlp.Sentiment.Onnx;
using Project01.Tests;
using Project01.Tests.Onnx;

namespace Project01.Nlp.Tests.Sentiment;

/// <summary>The scorer against a real attention stack (a small random BERT): padding must be masked out of attention,
/// not just out of a mean, for batched results to match one-by-one results.</summary>
public sealed class BertShapedModelTests
{
    private static readonly string[] Texts =
    [
        "Profit rose, a strong quarter.",
        "Weak sales and a LOSS.",
        "oil",
        "The company said shares were unchanged in the quarter, the results were good, the price was bad.",
    ];

    [Fact]
    public void BatchedAndPaddedResultsMatchOneByOneThroughMaskedAttention()
    {
        var dir = TestPaths.NewTempDirectory("bert");
        var vocab = TestVocabulary.WriteTo(dir);
        var model = Path.Combine(dir, "bert-small.onnx");
        File.WriteAllBytes(model, new BertShapedModel(TestVocabulary.Tokens.Length, Layers: 2, Hidden: 32, Heads: 4, FeedForward: 64, MaxPositions: 64).ToOnnx());

        using var single = new OnnxSentimentScorer(new OnnxSentimentOptions { ModelPath = model, VocabPath = vocab, BatchSize = 1 });
        using var batched = new OnnxSentimentScorer(new OnnxSentimentOptions { ModelPath = model, VocabPath = vocab, BatchSize = 8 });
        var one = single.Classify(Texts);
        var all = batched.Classify(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(3, all[i].Logits.Count);
            for (var k = 0; k < 3; k++)
            {
                Assert.True(float.IsFinite(all[i].Logits[k]));
                Assert.Equal(one[i].Logits[k], all[i].Logits[k], 1e-4);
            }
        }
        // Random weights still separate different texts: the inputs reach the output.
        Assert.NotEqual(one[0].Logits[0], one[1].Logits[0]);
        Assert.All(batched.Score(Texts), s => Assert.InRange(s.Score, -1, 1));
    }
}
