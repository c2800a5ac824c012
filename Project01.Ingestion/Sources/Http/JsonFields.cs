using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Project01.Ingestion.Sources.Http;

/// <summary>
/// Reads vendor JSON field by field so that a bad payload names the exact field (<c>results[3].o</c>) and what is
/// wrong with it, instead of a binder's generic message. Each method throws <see cref="PayloadFieldException"/>.
/// </summary>
internal static class JsonFields
{
    public static JsonElement Required(this JsonElement obj, string name, string path)
    {
        var field = Path(path, name);
        if (obj.ValueKind != JsonValueKind.Object) throw new PayloadFieldException(path.Length == 0 ? "$" : path, $"is {Describe(obj)}, not an object");
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            throw new PayloadFieldException(field, "is missing");
        return value;
    }

    public static JsonElement? Optional(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value : null;

    public static string RequiredString(this JsonElement obj, string name, string path) =>
        AsString(obj.Required(name, path), Path(path, name));

    public static string? OptionalString(this JsonElement obj, string name, string path) =>
        obj.Optional(name) is { } v ? AsString(v, Path(path, name)) : null;

    public static double RequiredDouble(this JsonElement obj, string name, string path) =>
        AsDouble(obj.Required(name, path), Path(path, name));

    public static double? OptionalDouble(this JsonElement obj, string name, string path) =>
        obj.Optional(name) is { } v ? AsDouble(v, Path(path, name)) : null;

    public static long RequiredInt64(this JsonElement obj, string name, string path) =>
        AsInt64(obj.Required(name, path), Path(path, name));

    public static long? OptionalInt64(this JsonElement obj, string name, string path) =>
        obj.Optional(name) is { } v ? AsInt64(v, Path(path, name)) : null;

    public static JsonElement RequiredArray(this JsonElement obj, string name, string path)
    {
        var value = obj.Required(name, path);
        if (value.ValueKind != JsonValueKind.Array) throw new PayloadFieldException(Path(path, name), $"is {Describe(value)}, not an array");
        return value;
    }

    /// <summary>A timestamp in Unix milliseconds, as UTC.</summary>
    public static DateTime RequiredUnixMs(this JsonElement obj, string name, string path)
    {
        var ms = obj.RequiredInt64(name, path);
        if (ms is < 0 or > 253_402_300_799_999) throw new PayloadFieldException(Path(path, name), $"{ms} is not a Unix time in milliseconds");
        return DateTime.UnixEpoch.AddMilliseconds(ms);
    }

    /// <summary>An ISO-8601 / RFC 3339 timestamp with an offset or Z, as UTC.</summary>
    public static DateTime RequiredTimestamp(this JsonElement obj, string name, string path)
    {
        var s = obj.RequiredString(name, path);
        return TryParseTimestamp(s, out var utc) ? utc : throw new PayloadFieldException(Path(path, name), $"'{s}' is not an ISO-8601 timestamp with a time zone");
    }

    public static DateOnly RequiredDate(this JsonElement obj, string name, string path)
    {
        var s = obj.RequiredString(name, path);
        return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new PayloadFieldException(Path(path, name), $"'{s}' is not a date (yyyy-MM-dd)");
    }

    public static bool TryParseTimestamp(string s, out DateTime utc)
    {
        if (s.Length > 10 && (s[^1] is 'Z' or 'z' || s[^6] is '+' or '-')
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
        {
            utc = dto.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Index(string parent, int i) => $"{parent}[{i}]";

    /// <summary>
    /// A string's text; null for other kinds and for strings that are not well-formed text. JsonDocument checks neither
    /// that a string is UTF-8 nor that its \u escapes pair their surrogates, and JsonElement.GetString then throws
    /// InvalidOperationException: every connector reads strings through here (or the field readers above) instead.
    /// </summary>
    public static string? TextOrNull(this JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String) return null;
        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The element's JSON for rejections and logs; bytes that are not UTF-8 become U+FFFD (GetRawText would throw).</summary>
    public static string RawText(this JsonElement v) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(v));

    /// <summary>What JsonElement.ToString shows (a string's text, else the JSON), for error details; never throws.</summary>
    public static string Show(this JsonElement v) => v.ValueKind == JsonValueKind.String ? v.TextOrNull() ?? Describe(v) : v.RawText();

    private static string AsString(JsonElement v, string field) =>
        v.ValueKind != JsonValueKind.String ? throw new PayloadFieldException(field, $"is {Describe(v)}, not a string")
        : v.TextOrNull() ?? throw new PayloadFieldException(field, $"is {Describe(v)}");

    private static double AsDouble(JsonElement v, string field)
    {
        if (v.ValueKind != JsonValueKind.Number) throw new PayloadFieldException(field, $"is {Describe(v)}, not a number");
        var d = v.GetDouble();
        return double.IsFinite(d) ? d : throw new PayloadFieldException(field, "is not a finite number");
    }

    private static long AsInt64(JsonElement v, string field)
    {
        if (v.ValueKind != JsonValueKind.Number) throw new PayloadFieldException(field, $"is {Describe(v)}, not a number");
        if (v.TryGetInt64(out var l)) return l;
        // Some vendors write whole numbers as 1.5e7 or 100.0: accept those, refuse fractions.
        var d = v.GetDouble();
        return d == Math.Floor(d) && Math.Abs(d) < 9.2e18 ? (long)d : throw new PayloadFieldException(field, $"{v.RawText()} is not a whole number");
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.TextOrNull() is { } text ? $"the string \"{Truncate(text, 40)}\"" : "a string that is not well-formed text (not UTF-8, or a lone surrogate)",
        JsonValueKind.Number => $"the number {v.RawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.RawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    public static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
