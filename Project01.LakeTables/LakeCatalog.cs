using Project01.Lake;

namespace Project01.LakeTables;

/// <summary>
/// Every table the platform keeps in the lake, in one place: the bronze tables the Kafka → lake writer fills, the NLP
/// stage's scored texts and the feature views' offline history. Writers, readers and SQL all name tables from here.
/// </summary>
public static class LakeCatalog
{
    /// <summary>OHLCV bars from topic <c>ticks</c>, one row per (symbol, event time).</summary>
    public static TableName Bars { get; } = new("raw", "bars");

    public static TableName Quotes { get; } = new("raw", "quotes");

    public static TableName Trades { get; } = new("raw", "trades");

    /// <summary>Macro and fundamental series from topic <c>fundamentals</c>.</summary>
    public static TableName Fundamentals { get; } = new("raw", "fundamentals");

    public static TableName News { get; } = new("raw", "news");

    public static TableName Tweets { get; } = new("raw", "tweets");

    /// <summary>News and posts scored, linked to a symbol and classified by the NLP stage.</summary>
    public static TableName Sentiment { get; } = new("silver", "sentiment");

    /// <summary>The offline history of a feature view, e.g. <c>silver.features_price_v1</c>.</summary>
    public static TableName FeatureHistory(string viewKey) => new("silver", $"features_{viewKey}");
}
