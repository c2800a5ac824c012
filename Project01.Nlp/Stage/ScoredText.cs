namespace Project01.Nlp.Stage;

/// <summary>One scored text about one symbol (a text about no known symbol is one row with none). <see cref="Text"/> is
/// what a person reads first: the headline of an article, the text of a post.</summary>
public sealed record ScoredText(
    string DocumentId, string Kind, DateTime EventTime, string? Symbol, double Score, string Label, string Scorer,
    string? Topic, double? TopicProbability, string Text, DateTime IngestTime, string Source);
