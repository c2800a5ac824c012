using System.Text.Json;
using System.Text.Json.Serialization;

namespace Project01.Messaging.Records;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BarRecord))]
[JsonSerializable(typeof(DeadLetterRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;

/// <summary>UTF-8 JSON encoding of wire records (source-generated, no reflection).</summary>
public static class RecordJson
{
    public static byte[] Serialize(BarRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.BarRecord);

    public static byte[] Serialize(DeadLetterRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.DeadLetterRecord);

    public static DeadLetterRecord? DeserializeDeadLetter(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, RecordJsonContext.Default.DeadLetterRecord);

    /// <summary>Decodes and validates a bar; on failure returns null with the reason (for the dead-letter topic).</summary>
    public static BarRecord? TryDeserializeBar(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            var record = JsonSerializer.Deserialize(json, RecordJsonContext.Default.BarRecord);
            if (record is null) { error = "payload is JSON null"; return null; }
            record = record with { EventTime = AsUtc(record.EventTime), IngestTime = AsUtc(record.IngestTime) };
            error = record.Validate();
            return error is null ? record : null;
        }
        catch (JsonException e)
        {
            error = UnsupportedVersion(json) ?? $"not a valid bar record: {e.Message}";
            return null;
        }
    }

    // A record from a newer (or older) schema usually also fails to bind; say the real reason.
    private static string? UnsupportedVersion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("v", out var v) && v.TryGetInt32(out var version) && version != BarRecord.CurrentVersion
                ? $"unsupported schema version {version} (expected {BarRecord.CurrentVersion})"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // JSON timestamps with 'Z' come back as Utc; ones without an offset are rejected rather than guessed.
    private static DateTime AsUtc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;
}
