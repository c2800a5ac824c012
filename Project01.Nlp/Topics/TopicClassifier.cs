using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using Project01.Nlp.Corpora;

namespace Project01.Nlp.Topics;

/// <summary>
/// A news topic classifier: ML.NET's FeaturizeText (lower-cased word uni- and bigrams, English stop words removed,
/// L2-normalised) into a multinomial logistic regression (L-BFGS, one thread, so a seed fixes the result). On the 70
/// bundled Reuters articles, 5-fold stratified cross-validation gives 0.957 accuracy (67/70; the majority class alone
/// is 0.714) for seeds 1, 7, 42 and 2024.
/// </summary>
public sealed class TopicClassifier
{
    private readonly PredictionEngine<TextRow, TopicScores> _engine;
    private readonly string[] _topics;
    private readonly Lock _gate = new();

    private TopicClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _engine = ml.Model.CreatePredictionEngine<TextRow, TopicScores>(model, inputSchema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        _engine.OutputSchema[nameof(TopicScores.Score)].GetSlotNames(ref names);
        _topics = [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>The topics in the order of the model's score vector.</summary>
    public IReadOnlyList<string> Topics => _topics;

    public static TopicClassifier Train(IReadOnlyList<LabeledText> examples, int seed = 42)
    {
        if (examples.Select(e => e.Topic).Distinct().Count() < 2) throw new ArgumentException("training needs at least two topics");
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new TextRow { Text = e.Text, Topic = e.Topic }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TextRow.Topic))
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                // Topic lives in words; character trigrams only added noise on the Reuters set (CV 0.90 with, 0.96 without).
                CharFeatureExtractor = null,
                StopWordsRemoverOptions = new StopWordsRemovingEstimator.Options(),
            }, nameof(TextRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L2Regularization = 0.1f,
            }));
        return new TopicClassifier(ml, pipeline.Fit(data), data.Schema);
    }

    /// <summary>Trained on all 70 bundled Reuters articles (crude vs acq).</summary>
    public static TopicClassifier TrainReuters(int seed = 42) => Train(ReutersExamples(), seed);

    public static IReadOnlyList<LabeledText> ReutersExamples() => [.. ReutersCorpus.Load().Select(a => new LabeledText(a.FullText, a.Topic))];

    /// <summary>
    /// Stratified k-fold cross-validation: each topic's examples are shuffled with <paramref name="seed"/> and dealt
    /// round-robin into folds; each fold is scored by a model trained on the others.
    /// </summary>
    public static CrossValidationReport CrossValidate(IReadOnlyList<LabeledText> examples, int folds = 5, int seed = 42)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "at least two folds");
        var random = new Random(seed);
        var foldOf = new int[examples.Count];
        foreach (var topic in examples.Select((e, i) => (e.Topic, i)).GroupBy(x => x.Topic))
        {
            var indexes = topic.Select(x => x.i).ToArray();
            random.Shuffle(indexes);
            for (var k = 0; k < indexes.Length; k++) foldOf[indexes[k]] = k % folds;
        }

        var accuracies = new double[folds];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = examples.Where((_, i) => foldOf[i] != fold).ToList();
            var test = examples.Where((_, i) => foldOf[i] == fold).ToList();
            var model = Train(train, seed);
            accuracies[fold] = test.Count(e => model.Predict(e.Text).Topic == e.Topic) / (double)test.Count;
        }
        return new CrossValidationReport(folds, seed, examples.Count, accuracies);
    }

    public TopicPrediction Predict(string text)
    {
        float[] scores;
        lock (_gate) scores = _engine.Predict(new TextRow { Text = text }).Score;
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
            if (scores[i] > scores[best]) best = i;
        var probabilities = _topics.Select((t, i) => (t, p: (double)scores[i])).ToDictionary(x => x.t, x => x.p);
        return new TopicPrediction(_topics[best], scores[best], probabilities);
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
        public string Topic { get; set; } = "";
    }

    private sealed class TopicScores
    {
        public float[] Score { get; set; } = [];
    }
}
