using System.Text.Json.Serialization;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Wire record on topic <c>ticks</c> (kind <c>price_adjustments</c>): for one symbol's bars that were sent adjusted
/// (dividends and splits), the factor each was multiplied by, so raw prices (as traded) can be shown while features and
/// labels use the adjusted ones. Raw = adjusted ÷ factor (volume × factor).
/// </summary>
public sealed record PriceAdjustmentsRecord
{
    public const int CurrentVersion = 1;
    public const string KindName = "price_adjustments";

    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = CurrentVersion;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindName;
    [JsonPropertyName("symbol")] public required string Symbol { get; init; }
    /// <summary>1d, or the interval of the intraday bars they adjust.</summary>
    [JsonPropertyName("interval")] public string Interval { get; init; } = "1d";
    [JsonPropertyName("ingest_time")] public required DateTime IngestTime { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("time")] public required IReadOnlyList<DateTime> Times { get; init; }
    [JsonPropertyName("factor")] public required IReadOnlyList<double> Factors { get; init; }

    /// <summary>Schema and domain checks; the first problem found, or null.</summary>
    public string? Validate()
    {
        if (SchemaVersion != CurrentVersion) return $"unsupported schema version {SchemaVersion} (expected {CurrentVersion})";
        if (Kind != KindName) return $"kind '{Kind}' is not '{KindName}'";
        if (!Symbols.IsValid(Symbol)) return $"symbol '{Symbol}' is not a valid upper-case symbol";
        if (!BarInterval.TryParse(Interval, out _, out var problem)) return problem;
        if (Times is null || Factors is null || Times.Count != Factors.Count) return "time and factor differ in length";
        for (var i = 0; i < Factors.Count; i++)
            if (!double.IsFinite(Factors[i]) || Factors[i] <= 0) return $"item {i}: factor {Factors[i]} is not a positive number";
        return null;
    }
}
