namespace Project01.Nlp.Sentiment.Onnx;

/// <summary>A classifier's raw output for one text: logits and their softmax, per label in the model's order.</summary>
public sealed record SentimentProbabilities(IReadOnlyList<string> Labels, IReadOnlyList<float> Logits, IReadOnlyList<double> Probabilities)
{
    public double Of(string label)
    {
        for (var i = 0; i < Labels.Count; i++)
            if (Labels[i] == label) return Probabilities[i];
        return 0;
    }

    /// <summary>The most probable label (argmax; the first of equals).</summary>
    public string Label
    {
        get
        {
            var best = 0;
            for (var i = 1; i < Probabilities.Count; i++)
                if (Probabilities[i] > Probabilities[best]) best = i;
            return Labels[best];
        }
    }

    /// <summary>p(positive) − p(negative), in [-1, 1].</summary>
    public double Score => Of(SentimentLabels.Positive) - Of(SentimentLabels.Negative);

    /// <summary>Numerically stable softmax (the max is subtracted first).</summary>
    public static double[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        var p = new double[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) sum += p[i] = Math.Exp(logits[i] - max);
        for (var i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }
}
