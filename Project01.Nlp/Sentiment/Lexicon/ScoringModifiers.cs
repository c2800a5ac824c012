namespace Project01.Nlp.Sentiment.Lexicon;

/// <summary>The closed word lists that change a hit's valence, in tokenised form (apostrophes dropped). A word with its
/// own lexicon valence is scored, not treated as a modifier; negators are the exception ("no" is −1 in AFINN but reads
/// as a negation in "no growth").</summary>
public static class ScoringModifiers
{
    public static IReadOnlySet<string> Negators { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "not", "no", "never", "without", "nor", "neither", "none", "nothing", "nobody", "nowhere", "cannot",
        "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "hasnt", "havent", "hadnt", "wont", "wouldnt",
        "cant", "couldnt", "shouldnt", "mustnt", "neednt", "aint", "mightnt", "shant",
    };

    public static IReadOnlySet<string> Intensifiers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "very", "extremely", "highly", "really", "incredibly", "exceptionally", "especially", "particularly", "hugely",
        "enormously", "tremendously", "remarkably", "greatly", "deeply", "totally", "absolutely", "completely", "entirely",
        "thoroughly", "utterly", "sharply", "considerably", "unusually", "most", "more", "so", "too",
    };

    public static IReadOnlySet<string> Diminishers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "slightly", "somewhat", "marginally", "modestly", "mildly", "partly", "partially", "barely", "hardly", "scarcely",
        "little", "less", "fairly", "kinda", "sorta", "almost",
    };

    /// <summary>Contrast ends negation scope like punctuation does: "not great but good" keeps "good" positive.</summary>
    public static IReadOnlySet<string> ClauseBreaks { get; } = new HashSet<string>(StringComparer.Ordinal) { "but", "however", "although", "though" };
}
