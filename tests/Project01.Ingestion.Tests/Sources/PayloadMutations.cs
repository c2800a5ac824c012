using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>
/// Generators of bad vendor payloads for the connector properties: recorded fixtures with one value replaced by a value
/// of the wrong type or out of range, with a field removed, with bytes changed or cut off, and plain random bytes.
/// </summary>
internal static class PayloadMutations
{
    public static byte[] Fixture(string path) => File.ReadAllBytes(TestPaths.Fixture(["sources", .. path.Split('/')]));

    /// <summary>JSON values a vendor field should never hold (all well-formed JSON, so they reach the field readers).</summary>
    public static readonly string[] JsonPoison =
    [
        "\"x\"", "\"\"", "\"193.30\"", "1e400", "-1e400", "1e-400", "1.5", "-1", "0", "-0", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "9.3e18", "1e18", "253402300799999", "253402300800000", "-62135596800001", "2147483648", "null", "true", "false",
        "[]", "{}", "[1,\"a\",null]", "[[[]]]", "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"2024-06-03T14:02:11\"", "\"0001-01-01T00:00:00+01:00\"",
        "\"9999-12-31T23:59:59-01:00\"", "\"2024-13-45\"", "\"10000-01-01\"", "\"9999-12-31\"", "\"0001-01-01\"", "\".\"", "\"NaN\"", "\"Infinity\"",
        "\"http://\"", "\"not a url\"", "\"https:/bapi.polygon.io/v2/reference/news?cursor=x\"", "\"aapl\"", "\"X:BTCUSD\"",
        "253402300740000", "253402214400000",
    ];

    /// <summary>String contents that are not well-formed text: bytes that are not UTF-8, and escapes of lone surrogates.</summary>
    public static readonly byte[][] BadText =
    [
        [0xFF], [(byte)'a', 0xFE, (byte)'b'], [0xC3], [0xED, 0xA0, 0x80], "\\ud800"u8.ToArray(), "x\\udc00"u8.ToArray(), "\\ud83dA"u8.ToArray(),
    ];

    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        var slots = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList())
                    {
                        slots.Add((o, key, -1));
                        if (child is not null) Walk(child);
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, null, i));
                        if (a[i] is { } child) Walk(child);
                    }
                    break;
            }
        }
        Walk(node);
        return slots;
    }

    /// <summary>The JSON with one value anywhere in it replaced by poison (<paramref name="remove"/>: the value removed).</summary>
    public static byte[] Poison(byte[] json, int at, int poison, bool remove)
    {
        var root = JsonNode.Parse(json)!;
        var slots = Slots(root);
        if (slots.Count == 0) return json;
        var (parent, key, index) = slots[at % slots.Count];
        var value = JsonNode.Parse(JsonPoison[poison % JsonPoison.Length]);
        if (key is not null)
        {
            if (remove) parent.AsObject().Remove(key);
            else parent.AsObject()[key] = value;
        }
        else if (remove) parent.AsArray().RemoveAt(index);
        else parent.AsArray()[index] = value;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>The JSON with the contents of one string value (the <paramref name="at"/>-th, wrapping) replaced by bad text.</summary>
    public static byte[] SpoilText(byte[] json, int at, int bad)
    {
        var strings = new List<(int Start, int Length)>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.String) strings.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
        if (strings.Count == 0) return json;
        var (start, length) = strings[at % strings.Count];
        return [.. json[..start], .. BadText[bad % BadText.Length], .. json[(start + length)..]];
    }

    public static Gen<byte[]> SpoiledText(params byte[][] fixtures) =>
        Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, BadText.Length - 1]).Select((f, at, bad) => SpoilText(fixtures[f], at, bad));

    public static Gen<byte[]> PoisonedJson(params byte[][] fixtures) =>
        Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, JsonPoison.Length - 1], Gen.Int[0, 4])
            .Select((f, at, poison, how) => Poison(fixtures[f], at, poison, remove: how == 0));

    /// <summary>The bytes with one changed, a few inserted, or the tail cut off; <paramref name="ascii"/>: only ASCII goes in.</summary>
    public static Gen<byte[]> Mangled(bool ascii, params byte[][] fixtures) =>
        Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Int[0, int.MaxValue], (ascii ? Gen.Byte[0, 127] : Gen.Byte).Array[1, 4], Gen.Int[0, 2]).Select((f, at, junk, how) =>
        {
            var payload = fixtures[f];
            var i = at % payload.Length;
            return how switch
            {
                0 => [.. payload[..i], junk[0], .. payload[(i + 1)..]],
                1 => [.. payload[..i], .. junk, .. payload[i..]],
                _ => payload[..i],
            };
        });

    /// <summary>
    /// Anything a vendor might send: mostly its own payloads gone wrong (strings that are not UTF-8 or hold a lone
    /// surrogate escape included), sometimes noise.
    /// </summary>
    public static Gen<byte[]> AnyJson(params byte[][] fixtures) =>
        Gen.Frequency((4, PoisonedJson(fixtures)), (1, SpoiledText(fixtures)), (2, Mangled(ascii: false, fixtures)), (1, Gen.Byte.Array[0, 100]),
            (1, Gen.OneOf(JsonPoison).Select(Encoding.UTF8.GetBytes)));

    public static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
