using System.Text.Json.Serialization;

namespace Project01.Messaging.Records;

/// <summary>What goes to <c>&lt;topic&gt;.dlq</c>: the rejected payload, where it came from and why it was rejected.</summary>
public sealed record DeadLetterRecord
{
    [JsonPropertyName("v")] public int SchemaVersion { get; init; } = 1;
    [JsonPropertyName("topic")] public required string Topic { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>1-based line in the source file, when the record came from a file.</summary>
    [JsonPropertyName("line")] public long? Line { get; init; }
    [JsonPropertyName("field")] public string? Field { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
    [JsonPropertyName("payload")] public required string Payload { get; init; }
    [JsonPropertyName("rejected_at")] public required DateTime RejectedAt { get; init; }
}
