using System.Text.Json;
using Project01.Ingestion.Sources.Http;

namespace Project01.Ingestion.Sources.Polygon;

/// <summary>The fields every Polygon REST response shares: <c>status</c>, <c>error</c>/<c>message</c>, <c>next_url</c>.</summary>
internal static class PolygonEnvelope
{
    public static void ThrowOnErrorStatus(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new SourcePayloadException(source, "$", $"is {JsonFields.Describe(root)}, not an object");
        if (root.Optional("status") is not { ValueKind: JsonValueKind.String } status) return;
        var s = status.TextOrNull();
        // OK, and DELAYED for plans on 15-minute delayed data; anything else (ERROR, NOT_AUTHORIZED, …) is a failure.
        if (s is "OK" or "DELAYED") return;
        var detail = root.Optional("error")?.Show() ?? root.Optional("message")?.Show() ?? "no detail";
        throw new SourcePayloadException(source, "status", $"is {(s is null ? JsonFields.Describe(status) : $"'{s}'")}: {detail}");
    }

    public static string? NextUrl(JsonElement root, string source)
    {
        if (root.Optional("next_url") is not { } next) return null;
        if (next.ValueKind != JsonValueKind.String) throw new SourcePayloadException(source, "next_url", $"is {JsonFields.Describe(next)}, not a string");
        var url = next.TextOrNull() ?? throw new SourcePayloadException(source, "next_url", $"is {JsonFields.Describe(next)}");
        return url.Length > 0 ? url : null;
    }
}
