using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Many bars of one symbol in one message on <c>ticks</c> (kind <c>bars</c>): what replays and backfills send, so the
/// per-message cost of Kafka is paid once per batch rather than once per bar. Columnar JSON with times as Unix time
/// (UTC), written and read by hand on spans because this is the ingest hot path:
/// <c>{"v":2,"kind":"bars","symbol":"AA","source":"…","ingest_time":…,"time":[…],"open":[…],"high":[…],"low":[…],"close":[…],"volume":[…]}</c>.
/// <para>
/// The version says the unit of the times: v2 (written) counts 100-ns ticks since the Unix epoch, DateTime's own
/// resolution, so a batch keeps every time exactly as a single <see cref="BarRecord"/> does; v1 (still read) counted
/// milliseconds, which cut times to the millisecond and so refused bars less than a millisecond apart. A reader that
/// knows only v1 refuses v2 batches by their version rather than misreading their times.
/// </para>
/// <para>Intraday bars travel as kind <c>intraday_bars</c> with their <c>"interval"</c> (<c>"1m"</c> … <c>"1h"</c>), so
/// that daily consumers never mistake a minute bar for a day and the two land in separate tables and views.</para>
/// </summary>
public sealed record BarBatchRecord(string Symbol, string Source, DateTime IngestTime, IReadOnlyList<Bar> Bars, BarInterval? Interval = null)
{
    public const int CurrentVersion = 2;
    public const int MillisecondVersion = 1;
    public const string KindName = "bars";
    public const string IntradayKindName = "intraday_bars";

    public bool IsIntraday => Interval is { IsDaily: false };

    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + Bars.Count * 96);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v"u8, CurrentVersion);
            w.WriteString("kind"u8, IsIntraday ? IntradayKindName : KindName);
            if (IsIntraday) w.WriteString("interval"u8, Interval!.Value.ToString());
            w.WriteString("symbol"u8, Symbol);
            w.WriteString("source"u8, Source);
            w.WriteNumber("ingest_time"u8, UnixTicks(IngestTime));
            w.WriteStartArray("time"u8);
            foreach (var b in Bars) w.WriteNumberValue(UnixTicks(b.Time));
            w.WriteEndArray();
            WriteColumn(w, "open"u8, b => b.Open);
            WriteColumn(w, "high"u8, b => b.High);
            WriteColumn(w, "low"u8, b => b.Low);
            WriteColumn(w, "close"u8, b => b.Close);
            w.WriteStartArray("volume"u8);
            foreach (var b in Bars) w.WriteNumberValue(b.Volume);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();

        void WriteColumn(Utf8JsonWriter w, ReadOnlySpan<byte> name, Func<Bar, double> value)
        {
            w.WriteStartArray(name);
            foreach (var b in Bars) w.WriteNumberValue(value(b));
            w.WriteEndArray();
        }
    }

    /// <summary>Decodes and validates every bar; null with the reason (naming the item) when anything is wrong.</summary>
    public static BarBatchRecord? TryDeserialize(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Fail("payload is not a JSON object", out error);
            int? version = null;
            string? kind = null, symbol = null, source = null, interval = null;
            long? ingest = null;
            List<long>? time = null, volume = null;
            List<double>? open = null, high = null, low = null, close = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("v"u8)) { reader.Read(); version = reader.GetInt32(); }
                else if (reader.ValueTextEquals("kind"u8)) { reader.Read(); kind = reader.GetString(); }
                else if (reader.ValueTextEquals("symbol"u8)) { reader.Read(); symbol = reader.GetString(); }
                else if (reader.ValueTextEquals("interval"u8)) { reader.Read(); interval = reader.GetString(); }
                else if (reader.ValueTextEquals("source"u8)) { reader.Read(); source = reader.GetString(); }
                else if (reader.ValueTextEquals("ingest_time"u8)) { reader.Read(); ingest = reader.GetInt64(); }
                else if (reader.ValueTextEquals("time"u8)) time = ReadLongs(ref reader);
                else if (reader.ValueTextEquals("volume"u8)) volume = ReadLongs(ref reader);
                else if (reader.ValueTextEquals("open"u8)) open = ReadDoubles(ref reader);
                else if (reader.ValueTextEquals("high"u8)) high = ReadDoubles(ref reader);
                else if (reader.ValueTextEquals("low"u8)) low = ReadDoubles(ref reader);
                else if (reader.ValueTextEquals("close"u8)) close = ReadDoubles(ref reader);
                else { reader.Read(); reader.Skip(); }
            }
            // The object must be the whole payload: bytes after it (two messages glued together) are not a record.
            if (reader.Read()) return Fail("unexpected data after the record", out error);
            if (version switch { CurrentVersion => 1, MillisecondVersion => TimeSpan.TicksPerMillisecond, _ => (long?)null } is not { } ticksPerUnit)
                return Fail($"unsupported schema version {version?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} (expected {MillisecondVersion} or {CurrentVersion})", out error);
            if (kind is not (KindName or IntradayKindName)) return Fail($"kind '{kind}' is not '{KindName}' or '{IntradayKindName}'", out error);
            BarInterval? barInterval = null;
            if (kind == IntradayKindName)
            {
                if (interval is null) return Fail("an intraday_bars record needs its interval (1m … 1h)", out error);
                if (!BarInterval.TryParse(interval, out var parsed, out var problem)) return Fail(problem, out error);
                barInterval = parsed;
                if (parsed.IsDaily) return Fail("interval 1d is not intraday: send daily bars as kind 'bars'", out error);
            }
            if (symbol is null || !Symbols.IsValid(symbol)) return Fail($"symbol '{symbol}' is not a valid upper-case symbol", out error);
            if (string.IsNullOrWhiteSpace(source)) return Fail("source is empty", out error);
            if (ingest is null) return Fail("ingest_time is missing", out error);
            if (FromUnix(ingest.Value, ticksPerUnit) is not { } ingestTime) return Fail($"ingest_time {ingest} is outside the range of dates", out error);
            if (time is null || open is null || high is null || low is null || close is null || volume is null)
                return Fail("a column is missing (need time, open, high, low, close, volume)", out error);
            var n = time.Count;
            if (open.Count != n || high.Count != n || low.Count != n || close.Count != n || volume.Count != n)
                return Fail("columns differ in length", out error);
            var bars = new Bar[n];
            for (var i = 0; i < n; i++)
            {
                if (FromUnix(time[i], ticksPerUnit) is not { } t) return Fail($"item {i}: time {time[i]} is outside the range of dates", out error);
                bars[i] = new Bar(symbol, t, open[i], high[i], low[i], close[i], volume[i]);
                if (bars[i].Validate() is { } problem) return Fail($"item {i}: {problem}", out error);
                if (i > 0 && bars[i].Time <= bars[i - 1].Time) return Fail($"item {i}: time does not move forward", out error);
            }
            error = null;
            return new BarBatchRecord(symbol, source, ingestTime, bars, barInterval);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Fail($"not a valid bars record: {e.Message}", out error);
        }
    }

    private static long UnixTicks(DateTime t) => new DateTimeOffset(t).UtcTicks - DateTime.UnixEpoch.Ticks;

    private static readonly long MinUnixTicks = DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks;
    private static readonly long MaxUnixTicks = DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks;

    // A Unix time counted in units of ticksPerUnit, as UTC; null outside DateTime's range (where DateTime would throw).
    private static DateTime? FromUnix(long value, long ticksPerUnit) =>
        value < MinUnixTicks / ticksPerUnit || value > MaxUnixTicks / ticksPerUnit ? null : DateTime.UnixEpoch.AddTicks(value * ticksPerUnit);

    private static List<long> ReadLongs(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array");
        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) values.Add(reader.GetInt64());
        return values;
    }

    private static List<double> ReadDoubles(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array");
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) values.Add(reader.GetDouble());
        return values;
    }

    private static BarBatchRecord? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }
}
