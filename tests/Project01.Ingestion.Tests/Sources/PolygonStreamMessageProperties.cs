using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Project01.Ingestion.Sources.Polygon;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>
/// Properties of <see cref="PolygonStreamMessage.Parse"/>: valid trade, quote and status events come out exactly; any
/// message at all (bad JSON, wrong types, out-of-range numbers) gives records that validate and rejections that name a
/// field, never an exception that would end the stream.
/// </summary>
public sealed class PolygonStreamMessageProperties
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTime Ingest = new(2024, 6, 3, 13, 30, 1, DateTimeKind.Utc);

    private static readonly Gen<string> Symbol =
        Gen.Select(Gen.Char['A', 'Z'], Gen.Char["ABCZ0129.-"].Array[0, 7]).Select((first, rest) => first + new string(rest));

    /// <summary>One event as Polygon writes it, and what it must become.</summary>
    private sealed record Event(string Json, TradeRecord? Trade, QuoteRecord? Quote, PolygonStatus? Status);

    private static string R(double d) => d.ToString("R", Inv);

    private static readonly Gen<Event> Trade =
        Gen.Select(Symbol, Gen.Long[0, 4_000_000_000_000], Gen.Double[1e-4, 1e6], Gen.Long[0, 1_000_000_000_000], Gen.Int[0, 100].Array[0, 4], Gen.Int[-1, 20])
            .Select((sym, t, p, s, c, x) =>
            {
                var json = $$"""{"ev":"T","sym":"{{sym}}","i":"{{t % 977}}",{{(x >= 0 ? $"\"x\":{x}," : "")}}"p":{{R(p)}},"s":{{s}},"c":[{{string.Join(',', c)}}],"t":{{t}},"q":1,"z":3}""";
                return new Event(json, new TradeRecord
                {
                    Symbol = sym, EventTime = DateTime.UnixEpoch.AddMilliseconds(t), IngestTime = Ingest, Price = p, Size = s,
                    Exchange = x >= 0 ? x.ToString(Inv) : null, TradeId = (t % 977).ToString(Inv), Conditions = c, Source = PolygonStreamMessage.SourceName,
                }, null, null);
            });

    private static readonly Gen<Event> Quote =
        Gen.Select(Symbol, Gen.Long[0, 4_000_000_000_000], Gen.Double[0, 1e6], Gen.Double[1e-4, 1e6], Gen.Long[0, 1_000_000], Gen.Long[0, 1_000_000], Gen.Bool)
            .Select((sym, t, bp, ap, bs, @as, exchanges) =>
            {
                var json = $$"""{"ev":"Q","sym":"{{sym}}",{{(exchanges ? "\"bx\":11,\"ax\":12," : "")}}"bp":{{R(bp)}},"bs":{{bs}},"ap":{{R(ap)}},"as":{{@as}},"c":1,"t":{{t}},"q":5,"z":3}""";
                return new Event(json, null, new QuoteRecord
                {
                    Symbol = sym, EventTime = DateTime.UnixEpoch.AddMilliseconds(t), IngestTime = Ingest, BidPrice = bp, BidSize = bs, AskPrice = ap, AskSize = @as,
                    BidExchange = exchanges ? "11" : null, AskExchange = exchanges ? "12" : null, Source = PolygonStreamMessage.SourceName,
                }, null);
            });

    private static readonly Gen<Event> Status = Gen.OneOf("auth_success", "connected", "success").Select(s =>
        new Event($$"""{"ev":"status","status":"{{s}}","message":"m {{s}}"}""", null, null, new PolygonStatus(s, $"m {s}")));

    private static readonly Gen<Event> Other = Gen.Const(new Event("""{"ev":"A","sym":"AAPL","v":100}""", null, null, null)); // ignored

    [Fact]
    public void ValidEventsComeOutExactlyInOrder() =>
        Gen.Frequency((4, Trade), (4, Quote), (1, Status), (1, Other)).Array[0, 30].Sample(events =>
        {
            var statuses = new List<PolygonStatus>();
            var batch = PolygonStreamMessage.Parse(Encoding.UTF8.GetBytes($"[{string.Join(',', events.Select(e => e.Json))}]"), Ingest, statuses);

            Assert.Empty(batch.Rejections);
            // Compared on the wire: the record types hold lists, which records compare by reference.
            Assert.Equal(events.Where(e => e.Trade is not null).Select(e => Encoding.UTF8.GetString(RecordJson.Serialize(e.Trade!))),
                batch.Trades.Select(t => Encoding.UTF8.GetString(RecordJson.Serialize(t))));
            Assert.Equal(events.Where(e => e.Quote is not null).Select(e => e.Quote!), batch.Quotes);
            Assert.Equal(events.Where(e => e.Status is not null).Select(e => e.Status!.Value), statuses);
        }, iter: 500);

    // The recorded messages, and each of their events sent alone as a single object (which the parser also accepts).
    private static readonly byte[][] Fixtures =
    [
        .. new[] { PayloadMutations.Fixture("polygon/stream-trades-quotes.json"), PayloadMutations.Fixture("polygon/stream-malformed.json") }
            .SelectMany(f => new[] { f }.Concat(JsonNode.Parse(f)!.AsArray().Select(e => Encoding.UTF8.GetBytes(e!.ToJsonString())))),
    ];

    [Fact]
    public void AnyMessageGivesValidRecordsAndRejectionsNamingAFieldNeverAnException() =>
        PayloadMutations.AnyJson(Fixtures).Sample(bytes =>
        {
            var statuses = new List<PolygonStatus>();
            var batch = PolygonStreamMessage.Parse(bytes, Ingest, statuses);

            Assert.All(batch.Trades, t => Assert.Null(t.Validate()));
            Assert.All(batch.Quotes, q => Assert.Null(q.Validate()));
            Assert.All(batch.Rejections, r =>
            {
                Assert.Equal(PolygonStreamMessage.SourceName, r.Source);
                Assert.False(string.IsNullOrWhiteSpace(r.Field), $"a rejection without a field: {r.Reason}");
                Assert.False(string.IsNullOrWhiteSpace(r.Reason));
                Assert.Matches(@"^(\$|\[\d+\](\.\w+(\[\d+\])?)?|\w+(\[\d+\])?)$", r.Field);
            });
        }, iter: 3_000, print: PayloadMutations.Show);
}
