namespace Project01.Ingest.Extensions;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Bundled datasets to replay at start-up unless the lake already holds them (e.g. ["sp500"]).</summary>
    public List<string> ReplayOnStart { get; set; } = [];

    /// <summary>0 = as fast as possible; s &gt; 0 = event time runs s times faster than the wall clock.</summary>
    public double ReplaySpeed { get; set; }

    /// <summary>Replays that may run at once (each also keeps one dataset from replaying twice at a time).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MaxConcurrentReplays { get; set; } = 2;

    /// <summary>Finished replays remembered for <c>GET /v1/replays</c>.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int KeepFinishedReplays { get; set; } = 50;

    /// <summary>How often the pull sources (Polygon REST, FRED, feeds, X search) are asked for new records.</summary>
    public TimeSpan SourcePollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consumer groups whose lag <c>/v1/kafka/lag</c> reports, with the topics each reads (group → topics).
    /// Null by default: the configuration binder would merge into a pre-filled dictionary; see <see cref="LagGroupsOrDefault"/>.</summary>
    public Dictionary<string, string[]>? LagGroups { get; set; }

    /// <summary>The platform's own readers: the lake writer, the feature stream and the NLP stage.</summary>
    public IReadOnlyDictionary<string, string[]> LagGroupsOrDefault => LagGroups is { Count: > 0 } groups ? groups : new Dictionary<string, string[]>
    {
        ["lake-writer"] = [.. Project01.Messaging.Kafka.Topics.Primary],
        ["features"] = [Project01.Messaging.Kafka.Topics.Ticks],
        ["features-nlp"] = [Project01.Messaging.Kafka.Topics.News, Project01.Messaging.Kafka.Topics.Tweets],
    };
}
