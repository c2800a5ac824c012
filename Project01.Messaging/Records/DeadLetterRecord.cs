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
    /// <summary>The rejected bytes as text; base64 when they were not valid UTF-8 (see <see cref="PayloadEncoding"/>).</summary>
    [JsonPropertyName("payload")] public required string Payload { get; init; }
    /// <summary>Absent for UTF-8 text; <c>base64</c> when <see cref="Payload"/> holds bytes that were not valid UTF-8.</summary>
    [JsonPropertyName("payload_encoding")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PayloadEncoding { get; init; }
    [JsonPropertyName("rejected_at")] public required DateTime RejectedAt { get; init; }

    public const string Base64 = "base64";

    /// <summary>The payload field for rejected bytes, kept exactly: text when they are valid UTF-8, else base64.</summary>
    public static (string Payload, string? Encoding) Keep(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? (System.Text.Encoding.UTF8.GetString(bytes), null) : (Convert.ToBase64String(bytes), Base64);

    /// <summary>The rejected bytes as they arrived.</summary>
    public byte[] PayloadBytes() => PayloadEncoding == Base64 ? Convert.FromBase64String(Payload) : System.Text.Encoding.UTF8.GetBytes(Payload);
}
