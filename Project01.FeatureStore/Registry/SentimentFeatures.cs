namespace Project01.FeatureStore.Registry;

/// <summary>One symbol's day of scored texts and the earlier active days (newest last) it is judged against.</summary>
public readonly record struct SentimentDay(double MeanScore, int Count, int Net, IReadOnlyList<(double MeanScore, int Count)> Baseline);

/// <summary>A feature of the sentiment view: its name, what it means, and how a day's value is computed.</summary>
public sealed record SentimentFeature(string Name, string Description, Func<SentimentDay, double> Value);

/// <summary>
/// Daily sentiment per symbol from the NLP stage's scored texts. A day's row has event time = the next midnight UTC:
/// the day's texts are all known only once it is over, so a bar of day d joins the sentiment of day d−1 and earlier.
/// Each feature is declared once below; the pipeline, the stores and the registry all read <see cref="All"/>.
/// </summary>
public static class SentimentFeatures
{
    /// <summary>Active days (days with texts) the surprise and novelty baselines look back over.</summary>
    public const int BaselineDays = 20;

    /// <summary>Fewest earlier active days before surprise and novelty are defined (NaN before).</summary>
    public const int MinBaselineDays = 5;

    public static IReadOnlyList<SentimentFeature> All { get; } =
    [
        new("sent_mean_1d", "mean score in [-1, 1] of the day's texts about the symbol", static d => d.MeanScore),
        new("sent_count_1d", "how many texts", static d => d.Count),
        new("sent_net_1d", "(positive − negative) / count, by label", static d => (double)d.Net / d.Count),
        new("sent_surprise", "(day mean − baseline mean of daily means) / baseline standard deviation", static d => Surprise(d)),
        new("sent_novelty", "log(1 + count) − baseline mean of log(1 + count): attention above the usual", static d => Novelty(d)),
    ];

    public static readonly string[] Names = [.. All.Select(f => f.Name)];

    /// <summary>Every feature of one day, in the order of <see cref="Names"/>.</summary>
    public static double[] Compute(in SentimentDay day)
    {
        var values = new double[All.Count];
        for (var i = 0; i < values.Length; i++) values[i] = All[i].Value(day);
        return values;
    }

    private static double Surprise(SentimentDay d)
    {
        if (d.Baseline.Count < MinBaselineDays) return double.NaN;
        var mean = d.Baseline.Average(b => b.MeanScore);
        var sd = Math.Sqrt(d.Baseline.Sum(b => (b.MeanScore - mean) * (b.MeanScore - mean)) / (d.Baseline.Count - 1)); // sample standard deviation
        return sd > 0 ? (d.MeanScore - mean) / sd : 0;
    }

    private static double Novelty(SentimentDay d) =>
        d.Baseline.Count < MinBaselineDays ? double.NaN : Math.Log(1 + d.Count) - d.Baseline.Average(b => Math.Log(1 + b.Count));
}
