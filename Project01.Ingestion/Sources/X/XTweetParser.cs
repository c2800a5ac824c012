using System.Text.Json;
using Project01.Core.Market;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.X;

/// <summary>Maps X API v2 tweet objects (with <c>includes.users</c> for handles) to <see cref="TweetRecord"/>s.</summary>
internal static class XTweetParser
{
    /// <summary>id → username from <c>includes.users</c> (the author_id expansion).</summary>
    public static Dictionary<string, string> Users(JsonElement root)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Optional("includes")?.Optional("users") is { ValueKind: JsonValueKind.Array } list)
            foreach (var u in list.EnumerateArray())
                if (u.Optional("id")?.TextOrNull() is { } id && u.Optional("username")?.TextOrNull() is { } name)
                    users[id] = name;
        return users;
    }

    public static TweetRecord Parse(JsonElement tweet, string path, IReadOnlyDictionary<string, string> users, string source, DateTime now)
    {
        var authorId = tweet.RequiredString("author_id", path);
        var record = new TweetRecord
        {
            Id = tweet.RequiredString("id", path),
            AuthorId = authorId,
            AuthorHandle = users.GetValueOrDefault(authorId),
            EventTime = tweet.RequiredTimestamp("created_at", path),
            IngestTime = now,
            Text = tweet.RequiredString("text", path),
            Language = tweet.OptionalString("lang", path),
            Cashtags = Cashtags(tweet, path),
            Metrics = Metrics(tweet, path),
            Source = source,
        };
        return record.Validate() is { } problem ? throw new PayloadFieldException(path, problem) : record;
    }

    // entities.cashtags[].tag is the symbol without '$'; odd ones ($1000 price talk) are dropped, not fatal.
    private static string[] Cashtags(JsonElement tweet, string path)
    {
        if (tweet.Optional("entities")?.Optional("cashtags") is not { } tags) return [];
        var field = JsonFields.Path(path, "entities.cashtags");
        if (tags.ValueKind != JsonValueKind.Array) throw new PayloadFieldException(field, $"is {JsonFields.Describe(tags)}, not an array");
        var result = new List<string>();
        var i = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            var symbol = Symbols.Normalize(tag.RequiredString("tag", JsonFields.Index(field, i++)));
            if (Symbols.IsValid(symbol) && !result.Contains(symbol)) result.Add(symbol);
        }
        return [.. result];
    }

    private static TweetMetrics? Metrics(JsonElement tweet, string path)
    {
        if (tweet.Optional("public_metrics") is not { } m) return null;
        var p = JsonFields.Path(path, "public_metrics");
        return new TweetMetrics
        {
            Retweets = m.RequiredInt64("retweet_count", p),
            Replies = m.RequiredInt64("reply_count", p),
            Likes = m.RequiredInt64("like_count", p),
            Quotes = m.RequiredInt64("quote_count", p),
            Impressions = m.OptionalInt64("impression_count", p),
        };
    }
}
