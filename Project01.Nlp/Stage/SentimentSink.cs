using Project01.LakeTables.Writing;
using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using Project01.Nlp.Analysis;

namespace Project01.Nlp.Stage;

/// <summary>
/// The NLP stage's table, <c>silver.sentiment</c>: every article from <c>news</c> and every post from <c>tweets</c>,
/// scored, linked to the symbols it concerns (a row per symbol) and given a topic. Written exactly once per Kafka
/// position like the bronze tables, so the scored history is as trustworthy as the raw one.
/// </summary>
public abstract class SentimentSink<TRecord>(TextAnalyzer analyzer) : LakeSink<ScoredText>
{

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("doc_id", LakeType.String, Nullable: false),
        new LakeField("kind", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("symbol", LakeType.String),
        new LakeField("score", LakeType.Double, Nullable: false),
        new LakeField("label", LakeType.String, Nullable: false),
        new LakeField("scorer", LakeType.String, Nullable: false),
        new LakeField("topic", LakeType.String),
        new LakeField("topic_probability", LakeType.Double),
        new LakeField("text", LakeType.String, Nullable: false));

    public override TableName Table => LakeCatalog.Sentiment;
    public override LakeSchema Schema => TableSchema;

    protected abstract TRecord? Deserialize(ReadOnlySpan<byte> json, out string? error);

    /// <summary>The record's identity, the text to score, the symbols its source attached, and its short form to show.</summary>
    protected abstract (string Id, string Kind, DateTime EventTime, string Text, IReadOnlyCollection<string> Symbols, DateTime IngestTime, string Source, string Display) Describe(TRecord record);

    protected sealed override bool Decode(ReadOnlySpan<byte> json, List<ScoredText> into, out string? error)
    {
        if (Deserialize(json, out error) is not { } record) return false;
        var d = Describe(record);
        var analysis = analyzer.Analyze([d.Text], [d.Symbols])[0];
        var symbols = analysis.Symbols.Count > 0 ? analysis.Symbols.Select(string? (s) => s) : [null];
        foreach (var symbol in symbols)
            into.Add(new ScoredText(d.Id, d.Kind, d.EventTime, symbol, analysis.Sentiment.Score, analysis.Sentiment.Label, analysis.Sentiment.Scorer,
                analysis.Topic?.Topic, analysis.Topic?.Probability, d.Display, d.IngestTime, d.Source));
        return true;
    }

    protected sealed override RecordBatch ToBatch(IReadOnlyList<LakeRow<ScoredText>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.DocumentId).ToArray(), rows.Select(r => r.Record.Kind).ToArray(),
        rows.Select(r => r.Record.EventTime).ToArray(), rows.Select(r => r.Record.Symbol).ToArray(),
        rows.Select(r => r.Record.Score).ToArray(), rows.Select(r => r.Record.Label).ToArray(),
        rows.Select(r => r.Record.Scorer).ToArray(), rows.Select(r => r.Record.Topic).ToArray(),
        rows.Select(r => r.Record.TopicProbability).ToArray(), rows.Select(r => r.Record.Text).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}

/// <summary>Articles: headline and body are scored together; the vendor's tickers are kept.</summary>
public sealed class NewsSentimentSink(TextAnalyzer analyzer) : SentimentSink<NewsRecord>(analyzer)
{
    public override string Topic => Project01.Messaging.Kafka.Topics.News;
    public override IReadOnlyList<string> Kinds { get; } = [NewsRecord.KindName];

    protected override NewsRecord? Deserialize(ReadOnlySpan<byte> json, out string? error) => RecordJson.TryDeserializeNews(json, out error);

    protected override (string, string, DateTime, string, IReadOnlyCollection<string>, DateTime, string, string) Describe(NewsRecord r) =>
        (r.Id, "news", r.EventTime, string.IsNullOrEmpty(r.Body) ? r.Headline : r.Headline + "\n" + r.Body, [.. r.Symbols], r.IngestTime, r.Source, r.Headline);
}

/// <summary>Posts: the text is scored; cashtags the platform parsed are kept.</summary>
public sealed class TweetSentimentSink(TextAnalyzer analyzer) : SentimentSink<TweetRecord>(analyzer)
{
    public override string Topic => Project01.Messaging.Kafka.Topics.Tweets;
    public override IReadOnlyList<string> Kinds { get; } = [TweetRecord.KindName];

    protected override TweetRecord? Deserialize(ReadOnlySpan<byte> json, out string? error) => RecordJson.TryDeserializeTweet(json, out error);

    protected override (string, string, DateTime, string, IReadOnlyCollection<string>, DateTime, string, string) Describe(TweetRecord r) =>
        (r.Id, "tweet", r.EventTime, r.Text, [.. r.Cashtags], r.IngestTime, r.Source, r.Text);
}
