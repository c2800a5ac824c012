namespace Project01.Nlp.Topics;

public sealed record LabeledText(string Text, string Topic);

/// <summary>The most probable topic, its probability, and every topic's probability.</summary>
public sealed record TopicPrediction(string Topic, double Probability, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>Stratified k-fold accuracy: every fold keeps the corpus's topic mix.</summary>
public sealed record CrossValidationReport(int Folds, int Seed, int Examples, IReadOnlyList<double> FoldAccuracies)
{
    public double MeanAccuracy => FoldAccuracies.Average();

    public double StdDevAccuracy
    {
        get
        {
            var mean = MeanAccuracy;
            return Math.Sqrt(FoldAccuracies.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, FoldAccuracies.Count - 1));
        }
    }
}
