using System.Globalization;
using System.Text.Json;
using Project01.Ingestion.Sources.Http;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Sources.Polygon;

/// <summary>What one WebSocket message carried: trades, quotes, items that could not be read, and status events.</summary>
public sealed record PolygonStreamBatch(
    IReadOnlyList<TradeRecord> Trades, IReadOnlyList<QuoteRecord> Quotes, IReadOnlyList<SourceRejection> Rejections)
{
    public bool IsEmpty => Trades.Count == 0 && Quotes.Count == 0 && Rejections.Count == 0;
}

/// <summary>A <c>{"ev":"status","status":"auth_success","message":"authenticated"}</c> event.</summary>
public readonly record struct PolygonStatus(string Status, string Message);

/// <summary>
/// Parses Polygon's stocks WebSocket messages: a JSON array of events, <c>ev</c> = <c>T</c> (trade: sym, x, i, z, p, s,
/// c, t), <c>Q</c> (quote: sym, bx, bp, bs, ax, ap, as, t) or <c>status</c>. A bad event becomes a rejection naming its
/// field (<c>[2].p</c>); the others in the message still go through. Other event types are ignored.
/// </summary>
public static class PolygonStreamMessage
{
    public const string SourceName = "polygon:stream";

    public static PolygonStreamBatch Parse(ReadOnlySpan<byte> message, DateTime ingestTime, List<PolygonStatus> statuses)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.ToArray());
        }
        catch (JsonException e)
        {
            return Rejected("$", $"is not JSON ({e.Message})", SourceHttp.Snippet(message));
        }
        using (document)
        {
            var root = document.RootElement;
            // The server sends arrays; accept a lone object too rather than drop it.
            IEnumerable<JsonElement> events = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray(),
                JsonValueKind.Object => [root],
                _ => [],
            };
            if (root.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
                return Rejected("$", $"is {JsonFields.Describe(root)}, not an array of events", root.RawText());

            var trades = new List<TradeRecord>();
            var quotes = new List<QuoteRecord>();
            var rejections = new List<SourceRejection>();
            var i = 0;
            foreach (var e in events)
            {
                var path = root.ValueKind == JsonValueKind.Array ? $"[{i}]" : "";
                var item = path.Length > 0 ? path : "$"; // names the event itself when it fails as a whole
                i++;
                try
                {
                    switch (e.RequiredString("ev", path))
                    {
                        case "T":
                            var trade = Trade(e, path, ingestTime);
                            if (trade.Validate() is { } tp) throw new PayloadFieldException(item, tp);
                            trades.Add(trade);
                            break;
                        case "Q":
                            var quote = Quote(e, path, ingestTime);
                            if (quote.Validate() is { } qp) throw new PayloadFieldException(item, qp);
                            quotes.Add(quote);
                            break;
                        case "status":
                            statuses.Add(new PolygonStatus(e.RequiredString("status", path), e.OptionalString("message", path) ?? ""));
                            break;
                    }
                }
                catch (PayloadFieldException ex)
                {
                    rejections.Add(new SourceRejection(SourceName, ex.Field, ex.Reason, e.RawText()));
                }
            }
            return new PolygonStreamBatch(trades, quotes, rejections);
        }
    }

    private static TradeRecord Trade(JsonElement e, string path, DateTime now) => new()
    {
        Symbol = e.RequiredString("sym", path),
        EventTime = e.RequiredUnixMs("t", path),
        IngestTime = now,
        Price = e.RequiredDouble("p", path),
        Size = e.RequiredInt64("s", path),
        Exchange = e.OptionalInt64("x", path)?.ToString(CultureInfo.InvariantCulture),
        TradeId = e.OptionalString("i", path),
        Conditions = Conditions(e, path),
        Source = SourceName,
    };

    // Sizes are passed through as Polygon reports them (shares, or round lots on older quote feeds).
    private static QuoteRecord Quote(JsonElement e, string path, DateTime now) => new()
    {
        Symbol = e.RequiredString("sym", path),
        EventTime = e.RequiredUnixMs("t", path),
        IngestTime = now,
        BidPrice = e.RequiredDouble("bp", path),
        BidSize = e.RequiredInt64("bs", path),
        AskPrice = e.RequiredDouble("ap", path),
        AskSize = e.RequiredInt64("as", path),
        BidExchange = e.OptionalInt64("bx", path)?.ToString(CultureInfo.InvariantCulture),
        AskExchange = e.OptionalInt64("ax", path)?.ToString(CultureInfo.InvariantCulture),
        Source = SourceName,
    };

    private static int[]? Conditions(JsonElement e, string path)
    {
        if (e.Optional("c") is not { } c) return null;
        var field = JsonFields.Path(path, "c");
        if (c.ValueKind != JsonValueKind.Array) throw new PayloadFieldException(field, $"is {JsonFields.Describe(c)}, not an array");
        var result = new int[c.GetArrayLength()];
        var i = 0;
        foreach (var v in c.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out result[i]))
                throw new PayloadFieldException($"{field}[{i}]", $"is {JsonFields.Describe(v)}, not a condition code");
            i++;
        }
        return result;
    }

    private static PolygonStreamBatch Rejected(string field, string reason, string payload) =>
        new([], [], [new SourceRejection(SourceName, field, reason, payload)]);
}
