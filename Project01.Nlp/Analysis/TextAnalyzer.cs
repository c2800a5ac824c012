using Project01.Nlp.Entities;
using Project01.Nlp.Sentiment;
using Project01.Nlp.Topics;

namespace Project01.Nlp.Analysis;

/// <summary>What the NLP stage knows about one text: its sentiment, the symbols it concerns and its topic.</summary>
public sealed record TextAnalysis(SentimentScore Sentiment, IReadOnlyList<string> Symbols, TopicPrediction? Topic);

/// <summary>
/// Sentiment, entity linking and topic in one pass over a batch of texts (the scorer is called once per batch, which
/// is what model scorers need to be fast). Symbols a source already attached (a vendor's ticker list, cashtags) are
/// kept and merged with the linked ones.
/// </summary>
public sealed class TextAnalyzer(ISentimentScorer scorer, EntityLinker linker, TopicClassifier? topics)
{
    public string ScorerName => scorer.Name;

    public IReadOnlyList<TextAnalysis> Analyze(IReadOnlyList<string> texts, IReadOnlyList<IReadOnlyCollection<string>>? knownSymbols = null)
    {
        if (knownSymbols is not null && knownSymbols.Count != texts.Count)
            throw new ArgumentException($"{knownSymbols.Count} symbol lists for {texts.Count} texts", nameof(knownSymbols));
        var scores = scorer.Score(texts);
        var result = new TextAnalysis[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var symbols = new SortedSet<string>(linker.Symbols(texts[i]), StringComparer.Ordinal);
            if (knownSymbols is not null) symbols.UnionWith(knownSymbols[i].Select(s => s.ToUpperInvariant()));
            result[i] = new TextAnalysis(scores[i], [.. symbols], topics?.Predict(texts[i]));
        }
        return result;
    }
}
