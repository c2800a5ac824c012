namespace Project01.FeatureStore.Registry;

/// <summary>
/// Daily sentiment per symbol from the NLP stage's scored texts. A day's row has event time = the next midnight UTC:
/// the day's texts are all known only once it is over, so a bar of day d joins the sentiment of day d−1 and earlier.
/// </summary>
public static class SentimentFeatures
{
    /// <summary>Active days (days with texts) the surprise and novelty baselines look back over.</summary>
    public const int BaselineDays = 20;

    /// <summary>Fewest earlier active days before surprise and novelty are defined (NaN before).</summary>
    public const int MinBaselineDays = 5;

    public static readonly string[] Names =
    [
        "sent_mean_1d",    // mean score in [-1, 1] of the day's texts about the symbol
        "sent_count_1d",   // how many texts
        "sent_net_1d",     // (positive − negative) / count, by label
        "sent_surprise",   // (day mean − baseline mean of daily means) / baseline standard deviation
        "sent_novelty",    // log(1 + count) − baseline mean of log(1 + count): attention above the usual
    ];
}
