using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using StackExchange.Redis;

namespace Project01.FeatureStore.Online;

/// <summary>The latest values of a view for one entity, as held online.</summary>
public sealed record OnlineFeatures(string Symbol, DateTime EventTime, DateTime CreatedAt, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Values in <paramref name="names"/> order; NaN where absent.</summary>
    public double[] Vector(IReadOnlyList<string> names)
    {
        var result = new double[names.Count];
        for (var i = 0; i < names.Count; i++) result[i] = Values.TryGetValue(names[i], out var v) ? v : double.NaN;
        return result;
    }
}

/// <summary>
/// Latest feature values per (view, symbol) in Redis: one hash per entity (<c>fs:price_v1:SPX</c>), with the event and
/// created times beside the values, readable field by field (<c>HGET fs:price_v1:SPX rsi14</c>), and the same row packed
/// in one binary field (<see cref="PackedRow"/>) that reads use. A write never replaces newer values (checked atomically
/// in a script), so the backfill and the stream can interleave safely. Reads of many entities are one pipelined round
/// trip; a hash without a packed row of the view's schema (written before it existed) is read field by field.
/// </summary>
public sealed class OnlineFeatureStore(IConnectionMultiplexer redis)
{
    private const string EventTimeField = "__event_time";
    private const string CreatedAtField = "__created_at";

    private static readonly LuaScript WriteIfNewer = LuaScript.Prepare("""
        local current = redis.call('HGET', @key, '__event_time')
        if current and tonumber(current) > tonumber(@eventTime) then return 0 end
        redis.call('DEL', @key)
        redis.call('HSET', @key, '__packed', @packed, unpack(cjson.decode(@fields)))
        return 1
        """);

    public static RedisKey Key(FeatureView view, string symbol) => $"fs:{view.Key}:{symbol}";

    /// <summary>Writes the newest row per symbol from <paramref name="rows"/>; returns how many entities changed.</summary>
    public async Task<int> WriteLatestAsync(FeatureView view, IEnumerable<FeatureRow> rows)
    {
        var database = redis.GetDatabase();
        var schema = PackedSchema.Of(view);
        var latest = rows.GroupBy(r => r.Symbol).Select(g => g.MaxBy(r => r.EventTime)!).ToList();
        var tasks = latest.Select(row =>
        {
            var fields = new List<string>(view.Features.Count * 2 + 4)
            {
                EventTimeField, ToUnixMs(row.EventTime), CreatedAtField, ToUnixMs(row.CreatedAt),
            };
            for (var i = 0; i < view.Features.Count; i++)
                if (double.IsFinite(row.Values[i])) fields.AddRange([view.Features[i], row.Values[i].ToString("R", CultureInfo.InvariantCulture)]);
            return database.ScriptEvaluateAsync(WriteIfNewer, new
            {
                key = Key(view, row.Symbol),
                eventTime = ToUnixMs(row.EventTime),
                packed = PackedRow.Write(schema, UnixMs(row.EventTime), UnixMs(row.CreatedAt), row.Values),
                fields = System.Text.Json.JsonSerializer.Serialize(fields),
            });
        }).ToList();
        var results = await Task.WhenAll(tasks);
        return results.Count(r => (long)r == 1);
    }

    /// <summary>Latest values for many symbols in one round trip; null where the store has none.</summary>
    public async Task<IReadOnlyList<OnlineFeatures?>> GetAsync(FeatureView view, IReadOnlyList<string> symbols)
    {
        var database = redis.GetDatabase();
        var schema = PackedSchema.Of(view);
        var batch = database.CreateBatch();
        var reads = new Task<RedisValue>[symbols.Count];
        for (var i = 0; i < reads.Length; i++) reads[i] = batch.HashGetAsync(Key(view, symbols[i]), PackedRow.Field);
        batch.Execute();
        await Task.WhenAll(reads);
        var result = new OnlineFeatures?[symbols.Count];
        List<int>? unpacked = null;
        for (var i = 0; i < reads.Length; i++)
        {
            if (PackedRow.TryRead(schema, symbols[i], reads[i].Result, out var row)) result[i] = row;
            else (unpacked ??= []).Add(i); // no such entity, or a hash written before rows were packed
        }
        if (unpacked is not null) await ReadFieldsAsync(database, view, symbols, unpacked, result);
        return result;
    }

    /// <summary>The entities at <paramref name="indexes"/> read field by field (HGETALL).</summary>
    private static async Task ReadFieldsAsync(IDatabase database, FeatureView view, IReadOnlyList<string> symbols, List<int> indexes, OnlineFeatures?[] result)
    {
        var batch = database.CreateBatch();
        var reads = indexes.Select(i => batch.HashGetAllAsync(Key(view, symbols[i]))).ToList();
        batch.Execute();
        var hashes = await Task.WhenAll(reads);
        for (var k = 0; k < indexes.Count; k++)
        {
            var entries = hashes[k];
            if (entries.Length == 0) continue;
            var values = new Dictionary<string, double>(entries.Length, StringComparer.Ordinal);
            long eventMs = 0, createdMs = 0;
            foreach (var e in entries)
            {
                var name = FieldName(e.Name);
                if (name == EventTimeField) eventMs = (long)e.Value;
                else if (name == CreatedAtField) createdMs = (long)e.Value;
                else if (name != PackedRow.Field) values[name] = ParseValue(e.Value);
            }
            result[indexes[k]] = new OnlineFeatures(symbols[indexes[k]], FromUnixMs(eventMs), FromUnixMs(createdMs), values);
        }
    }

    // A view has a few hundred feature names at most; each read reuses one string per name instead of decoding a new
    // one per field per fetch (two strings a field was most of a 250-feature fetch's garbage), and values parse from
    // the reply's bytes.
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamesBySpan = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static string FieldName(RedisValue field)
    {
        // Copied out rather than viewed as ReadOnlyMemory<byte>: that conversion copies into a new array (a trace of the
        // forecast route at 8 callers put two such arrays a field at 6 % of everything Inference allocated).
        Span<byte> utf8 = stackalloc byte[128];
        if (field.GetByteCount() > utf8.Length) return field.ToString();
        Span<char> chars = stackalloc char[128];
        var length = Encoding.UTF8.GetChars(utf8[..field.CopyTo(utf8)], chars);
        if (NamesBySpan.TryGetValue(chars[..length], out var name)) return name;
        name = new string(chars[..length]);
        return Names.Count < 65_536 ? Names.GetOrAdd(name, name) : name;
    }

    private static double ParseValue(RedisValue value)
    {
        Span<byte> utf8 = stackalloc byte[64]; // "R" doubles take at most 24
        if (value.GetByteCount() > utf8.Length) return double.Parse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.Parse(utf8[..value.CopyTo(utf8)], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static long UnixMs(DateTime t) => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static string ToUnixMs(DateTime t) => UnixMs(t).ToString(CultureInfo.InvariantCulture);

    internal static DateTime FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
