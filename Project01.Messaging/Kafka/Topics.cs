namespace Project01.Messaging.Kafka;

/// <summary>The platform's topics. Each has a dead-letter twin <c>&lt;topic&gt;.dlq</c> for records that fail validation.</summary>
public static class Topics
{
    public const string Ticks = "ticks";
    public const string News = "news";
    public const string Tweets = "tweets";
    public const string Fundamentals = "fundamentals";

    public static IReadOnlyList<string> Primary { get; } = [Ticks, News, Tweets, Fundamentals];

    public static string DeadLetter(string topic) => topic + ".dlq";

    /// <summary>Every topic with its partition count (ticks spread over more partitions: the embedded broker caps each one's size).</summary>
    public static IReadOnlyList<(string Name, int Partitions)> All { get; } =
        [.. Primary.Select(t => (t, t == Ticks ? 8 : 2)), .. Primary.Select(t => (DeadLetter(t), 1))];
}
