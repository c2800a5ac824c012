using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>Articles from <c>news</c> into <c>raw.news</c> (symbols as a comma-separated list).</summary>
public sealed class NewsSink : LakeSink<NewsRecord>
{

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("id", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("publisher", LakeType.String),
        new LakeField("headline", LakeType.String, Nullable: false),
        new LakeField("body", LakeType.String),
        new LakeField("url", LakeType.String),
        new LakeField("author", LakeType.String),
        new LakeField("symbols", LakeType.String),
        new LakeField("language", LakeType.String));

    public override string Topic => Topics.News;
    public override IReadOnlyList<string> Kinds { get; } = [NewsRecord.KindName];
    public override TableName Table => LakeCatalog.News;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<NewsRecord> into, out string? error) => One(RecordJson.TryDeserializeNews(json, out error), into);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<NewsRecord>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.Id).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.Publisher).ToArray(), rows.Select(r => r.Record.Headline).ToArray(),
        rows.Select(r => r.Record.Body).ToArray(), rows.Select(r => r.Record.Url).ToArray(), rows.Select(r => r.Record.Author).ToArray(),
        rows.Select(r => r.Record.Symbols.Count > 0 ? string.Join(',', r.Record.Symbols) : null).ToArray(),
        rows.Select(r => r.Record.Language).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
