using Project01.Lake;

namespace Project01.LakeTables;

/// <summary>
/// The tables the stages share, in one place: the bronze tables the Kafka → lake writer fills and the NLP stage's scored
/// texts. Writers, readers and SQL all name them from here. (The feature store names its own history tables.)
/// </summary>
public static class LakeCatalog
{
    /// <summary>OHLCV bars from topic <c>ticks</c>, one row per (symbol, event time).</summary>
    public static TableName Bars { get; } = new("raw", "bars");

    /// <summary>Intraday OHLCV bars (1-minute to 1-hour) from topic <c>ticks</c>, one row per (symbol, interval, event time).</summary>
    public static TableName IntradayBars { get; } = new("raw", "intraday_bars");

    /// <summary>The factor each adjusted bar was multiplied by (raw = adjusted ÷ factor), for bars imported adjusted.</summary>
    public static TableName PriceAdjustments { get; } = new("raw", "price_adjustments");

    public static TableName Quotes { get; } = new("raw", "quotes");

    public static TableName Trades { get; } = new("raw", "trades");

    /// <summary>Macro and fundamental series from topic <c>fundamentals</c>.</summary>
    public static TableName Fundamentals { get; } = new("raw", "fundamentals");

    public static TableName News { get; } = new("raw", "news");

    public static TableName Tweets { get; } = new("raw", "tweets");

    /// <summary>News and posts scored, linked to a symbol and classified by the NLP stage.</summary>
    public static TableName Sentiment { get; } = new("silver", "sentiment");
}
