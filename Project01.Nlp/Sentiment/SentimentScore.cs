namespace Project01.Nlp.Sentiment;

/// <summary>The three labels every scorer speaks, whatever its model calls them internally.</summary>
public static class SentimentLabels
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Neutral = "neutral";

    public static IReadOnlyList<string> All { get; } = [Positive, Negative, Neutral];
}

/// <summary>One text's sentiment: a label, a score in [-1, 1] (negative to positive) and the scorer that produced it,
/// so a stored score always says where it came from.</summary>
public sealed record SentimentScore(string Label, double Score, string Scorer);
