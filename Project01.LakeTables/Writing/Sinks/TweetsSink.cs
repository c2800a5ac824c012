using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.LakeTables;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing.Sinks;

/// <summary>Posts from <c>tweets</c> into <c>raw.tweets</c> (cashtags as a comma-separated list).</summary>
public sealed class TweetsSink : LakeSink<TweetRecord>
{

    public static readonly LakeSchema TableSchema = WithBronze(
        new LakeField("id", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("author_id", LakeType.String, Nullable: false),
        new LakeField("author_handle", LakeType.String),
        new LakeField("text", LakeType.String, Nullable: false),
        new LakeField("language", LakeType.String),
        new LakeField("cashtags", LakeType.String),
        new LakeField("retweets", LakeType.Long),
        new LakeField("likes", LakeType.Long));

    public override string Topic => Topics.Tweets;
    public override IReadOnlyList<string> Kinds { get; } = [TweetRecord.KindName];
    public override TableName Table => LakeCatalog.Tweets;
    public override LakeSchema Schema => TableSchema;

    protected override bool Decode(ReadOnlySpan<byte> json, List<TweetRecord> into, out string? error) => One(RecordJson.TryDeserializeTweet(json, out error), into);

    protected override RecordBatch ToBatch(IReadOnlyList<LakeRow<TweetRecord>> rows) => new(TableSchema,
    [
        rows.Select(r => r.Record.Id).ToArray(), rows.Select(r => r.Record.EventTime).ToArray(),
        rows.Select(r => r.Record.AuthorId).ToArray(), rows.Select(r => r.Record.AuthorHandle).ToArray(),
        rows.Select(r => r.Record.Text).ToArray(), rows.Select(r => r.Record.Language).ToArray(),
        rows.Select(r => r.Record.Cashtags.Count > 0 ? string.Join(',', r.Record.Cashtags) : null).ToArray(),
        rows.Select(r => r.Record.Metrics?.Retweets).ToArray(), rows.Select(r => r.Record.Metrics?.Likes).ToArray(),
        .. BronzeColumns.Arrays(rows, r => r.IngestTime, r => r.Source),
    ]);
}
