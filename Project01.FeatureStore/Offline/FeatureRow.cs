namespace Project01.FeatureStore.Offline;

/// <summary>
/// The values of a view for one entity, valid from <see cref="EventTime"/>; <see cref="CreatedAt"/> is when they were
/// computed (a later computation for the same event time supersedes an earlier one). NaN = not defined.
/// </summary>
public sealed record FeatureRow(string Symbol, DateTime EventTime, DateTime CreatedAt, double[] Values);

public sealed record FeatureWatermark(string View, string Symbol, DateTime LastEventTime, long Rows, DateTime UpdatedAt);
