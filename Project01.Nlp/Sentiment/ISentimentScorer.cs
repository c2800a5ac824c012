namespace Project01.Nlp.Sentiment;

/// <summary>Scores texts for sentiment. Implementations are thread safe and score a batch in one call because model
/// scorers are much faster batched.</summary>
public interface ISentimentScorer
{
    /// <summary>Reported with every score (e.g. <c>lexicon:afinn-financialmarketnews</c>, <c>onnx:finbert</c>).</summary>
    string Name { get; }

    /// <summary>One score per text, in order.</summary>
    IReadOnlyList<SentimentScore> Score(IReadOnlyList<string> texts);
}

public static class SentimentScorerExtensions
{
    public static SentimentScore Score(this ISentimentScorer scorer, string text) => scorer.Score([text])[0];
}
