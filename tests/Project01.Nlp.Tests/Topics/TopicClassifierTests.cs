using Project01.Nlp.Topics;

namespace Project01.Nlp.Tests.Topics;

public sealed class TopicClassifierTests
{
    private static readonly Lazy<TopicClassifier> Reuters = new(() => TopicClassifier.TrainReuters());

    [Fact]
    public void CrossValidatedAccuracyOnReutersIsWellAboveTheMajorityClass()
    {
        var examples = TopicClassifier.ReutersExamples();
        var majority = examples.GroupBy(e => e.Topic).Max(g => g.Count()) / (double)examples.Count;

        var report = TopicClassifier.CrossValidate(examples, folds: 5, seed: 42);

        Assert.Equal(70, report.Examples);
        Assert.Equal(5, report.FoldAccuracies.Count);
        Assert.Equal(50 / 70.0, majority, 1e-12);
        // Measured 0.957 (67 of 70) for seeds 1, 7, 42 and 2024; the floor leaves room for library changes only.
        Assert.True(report.MeanAccuracy >= 0.90, $"CV accuracy {report.MeanAccuracy:F3} (folds {string.Join(", ", report.FoldAccuracies.Select(a => a.ToString("F3")))})");
        Assert.Equal(report.MeanAccuracy, TopicClassifier.CrossValidate(examples, folds: 5, seed: 42).MeanAccuracy); // a seed fixes it
    }

    [Theory]
    [InlineData("OPEC ministers agreed to cut crude oil output to support prices of 18 dlrs a barrel", "crude")]
    [InlineData("Saudi Arabia said its crude oil output was above its OPEC quota", "crude")]
    [InlineData("The company agreed to acquire all outstanding shares in a cash tender offer of 25 dlrs a share", "acq")]
    [InlineData("The investor group raised its stake to 12 pct and may seek control of the company", "acq")]
    public void ClassifiesHeldOutSentences(string text, string topic)
    {
        var prediction = Reuters.Value.Predict(text);
        Assert.Equal(topic, prediction.Topic);
        Assert.True(prediction.Probability > 0.5, $"p = {prediction.Probability}");
        Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 1e-5);
        Assert.Equal(prediction.Probability, prediction.Probabilities[topic]);
    }

    [Fact]
    public void KnowsItsTopics()
    {
        Assert.Equal(["acq", "crude"], Reuters.Value.Topics.Order());
        Assert.Throws<ArgumentException>(() => TopicClassifier.Train([new LabeledText("a", "crude"), new LabeledText("b", "crude")]));
    }
}
