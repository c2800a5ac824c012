using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Project01.FeatureStore.Registry;
using StackExchange.Redis;

namespace Project01.FeatureStore.Online;

/// <summary>A view's feature names in order, fingerprinted, with a name → position index shared by every row read.</summary>
public sealed class PackedSchema
{
    private static readonly ConcurrentDictionary<string, PackedSchema> ByView = new(StringComparer.Ordinal);

    private PackedSchema(FeatureView view)
    {
        Names = view.Features;
        var index = new Dictionary<string, int>(Names.Count, StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++) index[Names[i]] = i;
        Index = index;
        Fingerprint = Fnv1a(view.Key, Names);
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyDictionary<string, int> Index { get; }

    /// <summary>FNV-1a over the view's key and names: a row packed under another list of features is not read as this one.</summary>
    public ulong Fingerprint { get; }

    public static PackedSchema Of(FeatureView view)
    {
        var schema = ByView.GetOrAdd(view.Key, _ => new PackedSchema(view));
        // A view redefined under the same key (tests, a new registry version) gets a fresh schema.
        return ReferenceEquals(schema.Names, view.Features) || schema.Names.SequenceEqual(view.Features) ? schema : ByView[view.Key] = new PackedSchema(view);
    }

    private static ulong Fnv1a(string key, IReadOnlyList<string> names)
    {
        var hash = 14695981039346656037UL;
        void Add(string s)
        {
            foreach (var c in s) hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ '\n') * 1099511628211UL;
        }
        Add(key);
        foreach (var name in names) Add(name);
        return hash;
    }
}

/// <summary>
/// One entity's latest row as a single binary hash field beside the readable ones: the schema's fingerprint, event and
/// created times (Unix ms) and every value as a little-endian double (NaN where not defined), 24 + 8n bytes. Reading it
/// is one field instead of 2n + 2 (a reply of 250 features was 502 byte arrays before any parsing).
/// </summary>
public static class PackedRow
{
    public const string Field = "__packed";
    private const int Header = 24;

    public static byte[] Write(PackedSchema schema, long eventMs, long createdMs, ReadOnlySpan<double> values)
    {
        var bytes = new byte[Header + 8 * values.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, schema.Fingerprint);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), eventMs);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), createdMs);
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(Header + 8 * i), values[i]);
        return bytes;
    }

    /// <summary>The row of <paramref name="symbol"/>, or false when the field was packed for another schema (or is not a
    /// packed row at all). Its values are read by name through the schema's shared index.</summary>
    public static bool TryRead(PackedSchema schema, string symbol, RedisValue packed, [NotNullWhen(true)] out OnlineFeatures? row)
    {
        row = null;
        var length = packed.GetByteCount();
        if (length != Header + 8 * schema.Names.Count) return false;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = buffer.AsSpan(0, packed.CopyTo(buffer));
            if (BinaryPrimitives.ReadUInt64LittleEndian(bytes) != schema.Fingerprint) return false;
            var values = new double[schema.Names.Count];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(Header + 8 * i)..]);
            row = new OnlineFeatures(symbol, OnlineFeatureStore.FromUnixMs(BinaryPrimitives.ReadInt64LittleEndian(bytes[8..])),
                OnlineFeatureStore.FromUnixMs(BinaryPrimitives.ReadInt64LittleEndian(bytes[16..])), new FeatureValues(schema, values));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
