using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Project01.Core.Market;
using Project01.Messaging.Records;

namespace Project01.Messaging.Tests;

/// <summary>
/// Properties of the Kafka record readers (<see cref="BarMessages"/>, <see cref="BarBatchRecord"/>, <see cref="RecordJson"/>):
/// every valid record round-trips, and any bytes at all (invalid UTF-8, truncated JSON, wrong types, huge numbers, NaN,
/// out-of-range times) give a refusal with a reason, never an exception: a consumer must be able to dead-letter
/// whatever arrives and carry on.
/// </summary>
public sealed class RecordPayloadProperties
{
    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    private static readonly Gen<string> Symbol =
        Gen.Select(Gen.Char['A', 'Z'], Gen.Char["ABCXYZ0123456789.-^"].Array[0, 11]).Select((first, rest) => first + new string(rest));

    // Text for free-form fields: ASCII, JSON's escapes and non-ASCII (no lone surrogates: writers refuse those).
    private static readonly Gen<string> Text =
        Gen.OneOf(Gen.Char["abcXYZ 0129:/._-\"\\\t\né€"].Select(c => c.ToString()), Gen.Const("😀")).Array[0, 20].Select(string.Concat);

    private static readonly Gen<string> NonBlank = Text.Select(s => "s" + s);

    /// <summary>UTC at full tick precision, 1900–2100.</summary>
    private static readonly Gen<DateTime> Utc = Gen.Long[new DateTime(1900, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks].Select(t => new DateTime(t, DateTimeKind.Utc));

    private static readonly Gen<(double Open, double High, double Low, double Close)> Prices =
        Gen.Select(Gen.Double[1e-4, 1e7], Gen.Double[0, 2], Gen.Double[0, 1], Gen.Double[0, 1]).Select((low, spread, u, w) =>
        {
            var high = low * (1 + spread);
            double Inside(double f) => Math.Clamp(low + (high - low) * f, low, high);
            return (Inside(u), high, low, Inside(w));
        });

    private static readonly Gen<Bar> OneBar = Gen.Select(Symbol, Utc, Prices, Gen.Long[0, long.MaxValue])
        .Select((s, t, p, v) => new Bar(s, t, p.Open, p.High, p.Low, p.Close, v));

    /// <summary>A batch as the replay sends it: one symbol, times strictly increasing, at full tick precision like a single bar.</summary>
    private static readonly Gen<BarBatchRecord> Batch =
        Gen.Select(Symbol, NonBlank, Utc, Utc, Gen.Select(Gen.Long[1, TimeSpan.TicksPerDay], Prices, Gen.Long[0, long.MaxValue]).Array[0, 40])
            .Select((symbol, source, ingest, start, steps) =>
            {
                var t = start;
                var bars = steps.Select(s =>
                {
                    t = t.AddTicks(s.Item1);
                    return new Bar(symbol, t, s.Item2.Open, s.Item2.High, s.Item2.Low, s.Item2.Close, s.Item3);
                }).ToArray();
                return new BarBatchRecord(symbol, source, ingest, bars);
            });

    /// <summary>A batch at millisecond precision, and the same batch as schema v1 wrote it (times in Unix milliseconds).</summary>
    private static readonly Gen<(BarBatchRecord Batch, byte[] V1)> MillisecondBatch =
        Batch.Select(b =>
        {
            static DateTime Ms(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            var bars = b.Bars.Select(x => x with { Time = Ms(x.Time) }).DistinctBy(x => x.Time).ToArray();
            var batch = b with { IngestTime = Ms(b.IngestTime), Bars = bars };
            return (batch, V1(batch));
        });

    private static byte[] V1(BarBatchRecord batch)
    {
        var json = JsonNode.Parse(batch.Serialize())!.AsObject();
        static long Ms(JsonNode? ticks) => ticks!.GetValue<long>() / TimeSpan.TicksPerMillisecond;
        json["v"] = BarBatchRecord.MillisecondVersion;
        json["ingest_time"] = Ms(json["ingest_time"]);
        json["time"] = new JsonArray([.. json["time"]!.AsArray().Select(t => (JsonNode)Ms(t))]);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static readonly Gen<TradeRecord> Trade =
        Gen.Select(Symbol, Utc, Utc, Gen.Double[1e-6, 1e9], Gen.Long[0, long.MaxValue], Gen.Int[-1, 1_000].Array[0, 5], NonBlank, Gen.Bool)
            .Select((s, e, i, p, size, conditions, source, optional) => new TradeRecord
            {
                Symbol = s, EventTime = e, IngestTime = i, Price = p, Size = size, Source = source,
                Exchange = optional ? "4" : null, TradeId = optional ? source : null, Conditions = optional ? conditions : null,
            });

    private static readonly Gen<QuoteRecord> Quote =
        Gen.Select(Symbol, Utc, Utc, Gen.Double[0, 1e7], Gen.Double[1e-6, 1e7], Gen.Long[0, long.MaxValue], Gen.Bool, NonBlank)
            .Select((s, e, i, bid, ask, size, flip, source) => new QuoteRecord
            {
                Symbol = s, EventTime = e, IngestTime = i, BidPrice = flip ? ask : bid, AskPrice = flip ? bid : ask, BidSize = size, AskSize = size / 3,
                BidExchange = flip ? "11" : null, AskExchange = "12", Source = source,
            });

    private static readonly Gen<NewsRecord> News =
        Gen.Select(NonBlank, NonBlank, Utc, Utc, NonBlank, Text, Symbol.Array[0, 4], Gen.Bool)
            .Select((id, source, e, i, headline, body, symbols, optional) => new NewsRecord
            {
                Id = id, Source = source, EventTime = e, IngestTime = i, Headline = headline, Symbols = symbols,
                Body = optional ? body : null, Url = optional ? "https://example.test/a?b=1" : null, Author = optional ? body : null,
                Publisher = optional ? "P" : null, Language = optional ? "en-us" : null,
            });

    private static readonly Gen<TweetRecord> Tweet =
        Gen.Select(NonBlank, NonBlank, Utc, Utc, Text, Symbol.Array[0, 4], Gen.Long[0, long.MaxValue].Array[5], Gen.Bool)
            .Select((id, author, e, i, text, cashtags, m, optional) => new TweetRecord
            {
                Id = id, AuthorId = author, EventTime = e, IngestTime = i, Text = text, Cashtags = cashtags, Source = "x:search",
                AuthorHandle = optional ? author : null, Language = optional ? "en" : null,
                Metrics = optional ? new TweetMetrics { Retweets = m[0], Replies = m[1], Likes = m[2], Quotes = m[3], Impressions = m[4] } : null,
            });

    private static readonly Gen<FundamentalRecord> Fundamental =
        Gen.Select(NonBlank, Gen.Int[0, DateOnly.MaxValue.DayNumber - 1], Gen.Int[0, DateOnly.MaxValue.DayNumber - 1], Gen.Double[-1e12, 1e12], Utc, NonBlank, Gen.Bool)
            .Select((series, observed, published, value, ingest, source, optional) =>
            {
                var day = DateOnly.FromDayNumber(published);
                return new FundamentalRecord
                {
                    SeriesId = series, ObservationDate = DateOnly.FromDayNumber(observed), Value = value, PublishedDate = day,
                    EventTime = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), IngestTime = ingest, Source = source,
                    Frequency = optional ? "Q" : null, Units = optional ? "%" : null,
                };
            });

    [Fact]
    public void ABatchOfBarsRoundTripsThroughTryRead() =>
        Batch.Sample(batch =>
        {
            var into = new List<(Bar Bar, DateTime Ingest, string Source)>();
            Assert.True(BarMessages.TryRead(batch.Serialize(), into, static (b, t, s) => (b, t, s), out var error), error);
            Assert.Null(error);
            Assert.Equal(batch.Bars, into.Select(b => b.Bar));
            Assert.All(into, b => Assert.Equal((batch.IngestTime, batch.Source), (b.Ingest, b.Source)));
        }, iter: 1_000);

    [Fact]
    public void ABatchWrittenAsSchemaV1StillReadsBack() =>
        MillisecondBatch.Sample(t =>
        {
            var decoded = BarBatchRecord.TryDeserialize(t.V1, out var error);
            Assert.True(decoded is not null, error);
            Assert.Equal(t.Batch.Bars, decoded.Bars);
            Assert.Equal((t.Batch.Symbol, t.Batch.Source, t.Batch.IngestTime), (decoded.Symbol, decoded.Source, decoded.IngestTime));
        }, iter: 500, print: t => Encoding.UTF8.GetString(t.V1));

    [Fact]
    public void ASingleBarRoundTripsThroughTryReadAtFullPrecision() =>
        Gen.Select(OneBar, Utc, NonBlank).Sample((bar, ingest, source) =>
        {
            var into = new List<(Bar Bar, DateTime Ingest, string Source)>();
            Assert.True(BarMessages.TryRead(RecordJson.Serialize(BarRecord.From(bar, ingest, source)), into, static (b, t, s) => (b, t, s), out var error), error);
            Assert.Equal((bar, ingest, source), Assert.Single(into));
            Assert.Equal(DateTimeKind.Utc, into[0].Bar.Time.Kind);
        }, iter: 1_000);

    // Round trip measured on the wire: decoding then encoding again gives the same bytes (lists compare by content this way).
    private static void RoundTrips<T>(Gen<T> gen, Func<T, byte[]> serialize, TryDecode<T> decode) where T : class =>
        gen.Sample(record =>
        {
            var bytes = serialize(record);
            var decoded = decode(bytes, out var error);
            Assert.True(decoded is not null, $"{error}: {Encoding.UTF8.GetString(bytes)}");
            Assert.Null(error);
            Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serialize(decoded)));
        }, iter: 500);

    private delegate T? TryDecode<T>(ReadOnlySpan<byte> json, out string? error);

    [Fact]
    public void EverySourceRecordKindRoundTrips()
    {
        RoundTrips(Trade, RecordJson.Serialize, RecordJson.TryDeserializeTrade);
        RoundTrips(Quote, RecordJson.Serialize, RecordJson.TryDeserializeQuote);
        RoundTrips(News, RecordJson.Serialize, RecordJson.TryDeserializeNews);
        RoundTrips(Tweet, RecordJson.Serialize, RecordJson.TryDeserializeTweet);
        RoundTrips(Fundamental, RecordJson.Serialize, RecordJson.TryDeserializeFundamental);
        RoundTrips(Gen.Select(OneBar, Utc, NonBlank).Select((b, i, s) => BarRecord.From(b, i, s)), RecordJson.Serialize, RecordJson.TryDeserializeBar);
    }

    [Fact]
    public void ADeadLetterKeepsAnyPayloadBytesExactly() =>
        Gen.OneOf(Gen.Byte.Array[0, 200], Text.Select(Encoding.UTF8.GetBytes)).Sample(bytes =>
        {
            var (payload, encoding) = DeadLetterRecord.Keep(bytes);
            var record = new DeadLetterRecord
            {
                Topic = "ticks", Source = "p", Line = 2, Field = "close", Reason = "r", Payload = payload, PayloadEncoding = encoding, RejectedAt = Epoch,
            };
            var decoded = RecordJson.DeserializeDeadLetter(RecordJson.Serialize(record));
            Assert.NotNull(decoded);
            Assert.Equal(bytes, decoded.PayloadBytes());
        }, iter: 1_000);

    private static readonly Gen<byte[]> ValidPayload = Gen.OneOf(
        Batch.Select(b => b.Serialize()), MillisecondBatch.Select(b => b.V1),
        Gen.Select(OneBar, Utc, NonBlank).Select((b, i, s) => RecordJson.Serialize(BarRecord.From(b, i, s))),
        Trade.Select(RecordJson.Serialize), Quote.Select(RecordJson.Serialize), News.Select(RecordJson.Serialize),
        Tweet.Select(RecordJson.Serialize), Fundamental.Select(RecordJson.Serialize));

    /// <summary>JSON values of the wrong type or out of range, and bytes that are not JSON or not UTF-8.</summary>
    private static readonly byte[][] Poison =
    [
        .. new[]
        {
            "\"x\"", "1e400", "-1e400", "NaN", "Infinity", "\"NaN\"", "\"Infinity\"", "9223372036854775808", "-9223372036854775809", "2147483648",
            "1.5", "-1", "0", "null", "true", "[]", "{}", "[1,\"a\",null]", "\"\\ud800\"", "253402300800000", "-62135596800001",
            "9223372036854775807", "-9223372036854775808", "\"2020-01-01T00:00:00\"", "\"9999-12-31T23:59:59-01:00\"", "\"0001-01-01T00:00:00+01:00\"",
            "\"\"", "\" \"", "1e-400", "01", "+1", ".5", "\"\\u0000\"", new string('[', 100) + new string(']', 100),
            "\"1\"", "\"2\"", "2", "3", "253402300799999", "2534023007999999999", "2534023008000000000", "-621355968000000001",
        }.Select(Encoding.UTF8.GetBytes),
        [(byte)'"', 0xFF, 0xFE, (byte)'"'], // a string that is not UTF-8
        [(byte)'"', 0xC3, (byte)'"'], // a truncated UTF-8 sequence
        [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'], // an encoded surrogate, invalid in UTF-8
        [0xFF],
    ];

    private static byte[] Join(IEnumerable<(string Name, byte[] Raw)> fields)
    {
        var bytes = new List<byte> { (byte)'{' };
        var first = true;
        foreach (var (name, raw) in fields)
        {
            if (!first) bytes.Add((byte)',');
            first = false;
            bytes.AddRange(Encoding.UTF8.GetBytes($"\"{name}\":"));
            bytes.AddRange(raw);
        }
        bytes.Add((byte)'}');
        return [.. bytes];
    }

    // A valid record with one field, or one element of a batch column, replaced by poison; or with a field missing.
    private static readonly Gen<byte[]> Poisoned =
        Gen.Select(ValidPayload, Gen.Int[0, int.MaxValue], Gen.Int[0, Poison.Length - 1], Gen.Int[0, 2], Gen.Int[0, int.MaxValue]).Select((payload, at, poison, how, element) =>
        {
            var fields = JsonNode.Parse(payload)!.AsObject().Select(p => (p.Key, Raw: Encoding.UTF8.GetBytes(p.Value?.ToJsonString() ?? "null"))).ToList();
            var k = at % fields.Count;
            var (name, raw) = fields[k];
            var bad = Poison[poison];
            switch (how)
            {
                case 0:
                    fields[k] = (name, bad);
                    break;
                case 1 when JsonNode.Parse(raw) is JsonArray { Count: > 0 } array:
                    var items = array.Select(n => Encoding.UTF8.GetBytes(n?.ToJsonString() ?? "null")).ToList();
                    items[element % items.Count] = bad;
                    fields[k] = (name, [(byte)'[', .. items.SelectMany((b, i) => i == 0 ? b : [(byte)',', .. b]), (byte)']']);
                    break;
                default:
                    fields.RemoveAt(k); // a required field missing
                    break;
            }
            return Join(fields);
        });

    // A valid record with a byte changed, bytes inserted (digits too: a time may grow out of range), or its tail cut off.
    private static readonly Gen<byte[]> Mangled =
        Gen.Select(ValidPayload, Gen.Int[0, int.MaxValue], Gen.Byte.Array[1, 4], Gen.Int[0, 3])
            .Select((payload, at, junk, how) =>
            {
                var i = at % payload.Length;
                return how switch
                {
                    0 => [.. payload[..i], junk[0], .. payload[(i + 1)..]],
                    1 => [.. payload[..i], .. junk, .. payload[i..]],
                    2 => payload[..i],
                    _ => [.. payload, .. payload], // two messages glued together
                };
            });

    private static readonly Gen<byte[]> AnyBytes = Gen.OneOf(Gen.Byte.Array[0, 120], Poisoned, Mangled, Gen.OneOf(Poison));

    private static void RefusedWithAReasonOrValid<T>(T? record, string? error, Func<T, string?> validate) where T : class
    {
        if (record is null) Assert.False(string.IsNullOrWhiteSpace(error), "refused without a reason");
        else Assert.Null(validate(record));
    }

    private static string Show(byte[] b) => $"{Convert.ToHexString(b)} = {Encoding.UTF8.GetString(b)}";

    [Fact]
    public void EveryRecordReaderRefusesBadBytesWithAReasonNeverAnException() =>
        AnyBytes.Sample(bytes =>
        {
            var batch = BarBatchRecord.TryDeserialize(bytes, out var error);
            RefusedWithAReasonOrValid(batch, error, b => b.Bars.Select(x => x.Validate()).FirstOrDefault(p => p is not null));
            RefusedWithAReasonOrValid(RecordJson.TryDeserializeBar(bytes, out error), error, r => r.Validate());
            RefusedWithAReasonOrValid(RecordJson.TryDeserializeTrade(bytes, out error), error, r => r.Validate());
            RefusedWithAReasonOrValid(RecordJson.TryDeserializeQuote(bytes, out error), error, r => r.Validate());
            RefusedWithAReasonOrValid(RecordJson.TryDeserializeNews(bytes, out error), error, r => r.Validate());
            RefusedWithAReasonOrValid(RecordJson.TryDeserializeTweet(bytes, out error), error, r => r.Validate());
            RefusedWithAReasonOrValid(RecordJson.TryDeserializeFundamental(bytes, out error), error, r => r.Validate());
        }, iter: 3_000, print: Show);

    [Fact]
    public void TryReadRefusesABadBarMessageWithAReasonAndAppendsNothing() =>
        AnyBytes.Sample(bytes =>
        {
            _ = RecordJson.PeekKind(bytes);
            var into = new List<Bar> { default };
            if (BarMessages.TryRead(bytes, into, static (b, _, _) => b, out var error))
            {
                Assert.All(into.Skip(1), b => Assert.Null(b.Validate()));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
                Assert.Single(into); // what the caller had is untouched and nothing was appended
            }
        }, iter: 3_000, print: Show);

    [Fact]
    public void ARecordFollowedByAnythingButWhitespaceIsRefused() =>
        Gen.Select(ValidPayload, Gen.OneOf(ValidPayload, Gen.Byte.Array[1, 8].Where(b => b.Any(x => x is not (0x20 or 0x09 or 0x0A or 0x0D)))))
            .Sample((payload, tail) =>
            {
                byte[] bytes = [.. payload, .. tail];
                Assert.Null(BarBatchRecord.TryDeserialize(bytes, out var error));
                Assert.False(string.IsNullOrWhiteSpace(error));
                Assert.Null(RecordJson.TryDeserializeBar(bytes, out error));
                Assert.Null(RecordJson.TryDeserializeTrade(bytes, out error));
                Assert.Null(RecordJson.TryDeserializeQuote(bytes, out error));
                Assert.Null(RecordJson.TryDeserializeNews(bytes, out error));
                Assert.Null(RecordJson.TryDeserializeTweet(bytes, out error));
                Assert.Null(RecordJson.TryDeserializeFundamental(bytes, out error));
                Assert.False(string.IsNullOrWhiteSpace(error));
            }, iter: 1_000, print: t => Show([.. t.Item1, .. t.Item2]));

    [Fact]
    public void EveryTruncatedRecordIsRefusedAndAddsNothing() =>
        Gen.Select(ValidPayload, Gen.Int[0, int.MaxValue]).Sample((payload, at) =>
        {
            var cut = payload[..(at % payload.Length)]; // a strict prefix is never a whole JSON object
            var into = new List<Bar>();
            var accepted = BarMessages.TryRead(cut, into, static (b, _, _) => b, out var error);
            Assert.Empty(into);
            Assert.True(accepted || !string.IsNullOrWhiteSpace(error));
            Assert.Null(BarBatchRecord.TryDeserialize(cut, out error));
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.Null(RecordJson.TryDeserializeBar(cut, out error));
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.Null(RecordJson.TryDeserializeTrade(cut, out error));
            Assert.Null(RecordJson.TryDeserializeQuote(cut, out error));
            Assert.Null(RecordJson.TryDeserializeNews(cut, out error));
            Assert.Null(RecordJson.TryDeserializeTweet(cut, out error));
            Assert.Null(RecordJson.TryDeserializeFundamental(cut, out error));
            Assert.False(string.IsNullOrWhiteSpace(error));
        }, iter: 1_000, print: t => Encoding.UTF8.GetString(t.Item1[..(t.Item2 % t.Item1.Length)]));
}
