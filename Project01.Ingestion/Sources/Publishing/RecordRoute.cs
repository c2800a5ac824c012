using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Publishing;

/// <summary>Where a record type goes and how: its topic, its Kafka key, its validation and its encoding.</summary>
public sealed record RecordRoute<T>(string Topic, Func<T, string> Key, Func<T, string?> Validate, Func<T, byte[]> Serialize);

/// <summary>The routes of the platform's records: market data keyed by symbol, news and posts by id, series by series id.</summary>
public static class RecordRoutes
{
    public static RecordRoute<BarRecord> Bars { get; } = new(Topics.Ticks, r => r.Symbol, r => r.Validate(), RecordJson.Serialize);
    public static RecordRoute<TradeRecord> Trades { get; } = new(Topics.Ticks, r => r.Symbol, r => r.Validate(), RecordJson.Serialize);
    public static RecordRoute<QuoteRecord> Quotes { get; } = new(Topics.Ticks, r => r.Symbol, r => r.Validate(), RecordJson.Serialize);
    public static RecordRoute<NewsRecord> News { get; } = new(Topics.News, r => r.Id, r => r.Validate(), RecordJson.Serialize);
    public static RecordRoute<TweetRecord> Tweets { get; } = new(Topics.Tweets, r => r.Id, r => r.Validate(), RecordJson.Serialize);
    public static RecordRoute<FundamentalRecord> Fundamentals { get; } = new(Topics.Fundamentals, r => r.SeriesId, r => r.Validate(), RecordJson.Serialize);
}
