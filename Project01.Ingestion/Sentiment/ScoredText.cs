namespace Project01.Ingestion.Sentiment;

/// <summary>One scored text about one symbol (a text about no known symbol is one row with none).</summary>
public sealed record ScoredText(
    string DocumentId, string Kind, DateTime EventTime, string? Symbol, double Score, string Label, string Scorer,
    string? Topic, double? TopicProbability, DateTime IngestTime, string Source);
