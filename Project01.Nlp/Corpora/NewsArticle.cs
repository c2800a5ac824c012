namespace Project01.Nlp.Corpora;

/// <summary>A news article as the bundled corpora carry it.</summary>
public sealed record NewsArticle(string Id, string Topic, DateTime Time, string Heading, string Text, IReadOnlyList<string> Places)
{
    /// <summary>Heading and body, the text classifiers and scorers read.</summary>
    public string FullText => $"{Heading}\n{Text}";
}
