namespace Project01.Contracts;

/// <summary>The latest values of a feature view for one entity, as served by the online store.</summary>
public sealed record OnlineFeaturesDto(string Symbol, string View, DateTime EventTime, DateTime CreatedAt, IReadOnlyDictionary<string, double?> Values);

public sealed record OnlineFeaturesResponse(IReadOnlyList<OnlineFeaturesDto> Entities, IReadOnlyList<string> Missing);

/// <summary>A row of feature history: values valid from <c>EventTime</c> on.</summary>
public sealed record FeatureRowDto(DateTime EventTime, IReadOnlyDictionary<string, double?> Values);

public sealed record FeatureHistoryResponse(string Symbol, string View, IReadOnlyList<string> Features, IReadOnlyList<FeatureRowDto> Rows);

public sealed record FeatureViewDto(string Name, int Version, string Entity, string Source, IReadOnlyList<string> Features, TimeSpan Ttl, string Description,
    string Transformation, string Fingerprint, DateTime AppliedAt, string AppliedBy);

public sealed record FeatureWatermarkDto(string View, string Symbol, DateTime LastEventTime, long Rows, DateTime UpdatedAt);

public sealed record EntityRowDto(string Symbol, DateTime Time);

/// <summary>Point-in-time request: for each entity row, the values known at its time (Feast's get_historical_features).</summary>
public sealed record HistoricalFeaturesRequest(IReadOnlyList<EntityRowDto> Entities, string? View = null, IReadOnlyList<string>? Features = null);

/// <summary>One answer: the feature time used (null = nothing known within the view's TTL) and the values (null = undefined).</summary>
public sealed record HistoricalFeaturesRowDto(string Symbol, DateTime Time, DateTime? FeatureTime, IReadOnlyDictionary<string, double?> Values);

public sealed record HistoricalFeaturesResponse(string View, IReadOnlyList<string> Features, IReadOnlyList<HistoricalFeaturesRowDto> Rows);

/// <summary>One scored text about a symbol, as the NLP stage stored it in <c>silver.sentiment</c>.</summary>
public sealed record ScoredTextDto(string DocId, string Kind, DateTime EventTime, string? Symbol, double Score, string Label, string Scorer,
    string? Topic, double? TopicProbability, string Text);

/// <summary>How much the platform has read about a symbol, and its mean tone.</summary>
public sealed record SentimentSummaryDto(string Symbol, long Texts, double MeanScore, DateTime First, DateTime Last);
