using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Project01.Messaging.Records;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BarRecord))]
[JsonSerializable(typeof(TradeRecord))]
[JsonSerializable(typeof(QuoteRecord))]
[JsonSerializable(typeof(NewsRecord))]
[JsonSerializable(typeof(TweetRecord))]
[JsonSerializable(typeof(FundamentalRecord))]
[JsonSerializable(typeof(DeadLetterRecord))]
[JsonSerializable(typeof(PriceAdjustmentsRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;

/// <summary>UTF-8 JSON encoding of wire records (source-generated, no reflection).</summary>
public static class RecordJson
{
    public static byte[] Serialize(BarRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.BarRecord);

    public static byte[] Serialize(PriceAdjustmentsRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.PriceAdjustmentsRecord);

    public static byte[] Serialize(TradeRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.TradeRecord);

    public static byte[] Serialize(QuoteRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.QuoteRecord);

    public static byte[] Serialize(NewsRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.NewsRecord);

    public static byte[] Serialize(TweetRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.TweetRecord);

    public static byte[] Serialize(FundamentalRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.FundamentalRecord);

    public static byte[] Serialize(DeadLetterRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, RecordJsonContext.Default.DeadLetterRecord);

    public static DeadLetterRecord? DeserializeDeadLetter(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, RecordJsonContext.Default.DeadLetterRecord);

    /// <summary>Decodes and validates a bar; on failure returns null with the reason (for the dead-letter topic).</summary>
    public static BarRecord? TryDeserializeBar(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.BarRecord, "bar", BarRecord.CurrentVersion,
            r => r with { EventTime = AsUtc(r.EventTime), IngestTime = AsUtc(r.IngestTime) }, r => r.Validate(), out error);

    public static PriceAdjustmentsRecord? TryDeserializeAdjustments(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.PriceAdjustmentsRecord, "price adjustments", PriceAdjustmentsRecord.CurrentVersion,
            r => r with { IngestTime = AsUtc(r.IngestTime), Times = [.. r.Times.Select(AsUtc)] }, r => r.Validate(), out error);

    public static TradeRecord? TryDeserializeTrade(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.TradeRecord, "trade", TradeRecord.CurrentVersion,
            r => r with { EventTime = AsUtc(r.EventTime), IngestTime = AsUtc(r.IngestTime) }, r => r.Validate(), out error);

    public static QuoteRecord? TryDeserializeQuote(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.QuoteRecord, "quote", QuoteRecord.CurrentVersion,
            r => r with { EventTime = AsUtc(r.EventTime), IngestTime = AsUtc(r.IngestTime) }, r => r.Validate(), out error);

    public static NewsRecord? TryDeserializeNews(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.NewsRecord, "news", NewsRecord.CurrentVersion,
            r => r with { EventTime = AsUtc(r.EventTime), IngestTime = AsUtc(r.IngestTime) }, r => r.Validate(), out error);

    public static TweetRecord? TryDeserializeTweet(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.TweetRecord, "tweet", TweetRecord.CurrentVersion,
            r => r with { EventTime = AsUtc(r.EventTime), IngestTime = AsUtc(r.IngestTime) }, r => r.Validate(), out error);

    public static FundamentalRecord? TryDeserializeFundamental(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, RecordJsonContext.Default.FundamentalRecord, "fundamental", FundamentalRecord.CurrentVersion,
            r => r with { EventTime = AsUtc(r.EventTime), IngestTime = AsUtc(r.IngestTime) }, r => r.Validate(), out error);

    /// <summary>
    /// The <c>kind</c> field of a record (<c>bar</c>, <c>trade</c>, <c>quote</c>, …), or null when the payload is not a
    /// JSON object with a string kind. Topic <c>ticks</c> carries several kinds: consumers dispatch on this.
    /// </summary>
    public static string? PeekKind(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKind = reader.ValueTextEquals("kind"u8);
                if (!reader.Read()) return null;
                if (isKind) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // GetString throws InvalidOperationException when the kind is not UTF-8 or holds a lone surrogate escape
            // (the reader checks neither): such a kind is not a string kind.
            return null;
        }
    }

    private static T? TryDeserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string what, int version,
        Func<T, T> normalize, Func<T, string?> validate, out string? error) where T : class
    {
        try
        {
            var record = JsonSerializer.Deserialize(json, type);
            if (record is null) { error = "payload is JSON null"; return null; }
            record = normalize(record);
            error = validate(record);
            return error is null ? record : null;
        }
        catch (JsonException e)
        {
            error = UnsupportedVersion(json, version) ?? $"not a valid {what} record: {e.Message}";
            return null;
        }
    }

    // A record from a newer (or older) schema usually also fails to bind; say the real reason. A "v" that is not a
    // number is no version at all (TryGetInt32 would throw on it): the binder's message stands.
    private static string? UnsupportedVersion(ReadOnlySpan<byte> json, int expected)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number
                && v.TryGetInt32(out var version) && version != expected
                ? $"unsupported schema version {version} (expected {expected})"
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
