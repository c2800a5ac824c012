using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;

namespace Project01.FeatureStore.Tests.Online;

/// <summary>The packed online row: bit for bit back, absent where not finite, and never read under another schema.</summary>
public sealed class PackedRowTests
{
    private static FeatureView View(string key, params string[] features) =>
        new(key, 1, "symbol", "test", features, TimeSpan.FromDays(4), "packed row test view");

    [Fact]
    public void ARowComesBackBitForBitWithTimesAndWithoutItsUndefinedValues()
    {
        var schema = PackedSchema.Of(View("packed_a", "close", "rsi14", "macd_signal", "tiny", "neg_zero"));
        double[] row = [2874.56, 57.123456789012345, double.NaN, double.Epsilon, -0.0];
        var packed = PackedRow.Write(schema, 1_587_081_600_000, 1_796_522_500_123, row);
        Assert.Equal(24 + 8 * row.Length, packed.Length);

        Assert.True(PackedRow.TryRead(schema, "SPX", packed, out var read));
        Assert.Equal(("SPX", DateTimeOffset.FromUnixTimeMilliseconds(1_587_081_600_000).UtcDateTime, DateTimeOffset.FromUnixTimeMilliseconds(1_796_522_500_123).UtcDateTime),
            (read.Symbol, read.EventTime, read.CreatedAt));
        var byName = read.Values;
        Assert.Equal(row.Select(BitConverter.DoubleToInt64Bits), read.Vector(schema.Names).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(4, byName.Count);
        Assert.False(byName.ContainsKey("macd_signal"));
        Assert.False(byName.TryGetValue("no_such_feature", out _));
        Assert.Equal(57.123456789012345, byName["rsi14"]);
        Assert.Equal(["close", "rsi14", "tiny", "neg_zero"], byName.Keys);
        Assert.Throws<KeyNotFoundException>(() => byName["macd_signal"]);
        Assert.Equal([2874.56, 57.123456789012345, double.NaN], read.Vector(["close", "rsi14", "macd_signal"]));
    }

    [Fact]
    public void ARowPackedForAnotherListOfFeaturesIsNotReadAsThisOne()
    {
        var before = PackedSchema.Of(View("packed_b", "a", "b", "c"));
        var packed = PackedRow.Write(before, 1, 2, [1.0, 2.0, 3.0]);
        var reordered = PackedSchema.Of(View("packed_b", "c", "b", "a"));    // same key and width, another order
        Assert.NotEqual(before.Fingerprint, reordered.Fingerprint);
        Assert.False(PackedRow.TryRead(reordered, "X", packed, out _));
        Assert.False(PackedRow.TryRead(PackedSchema.Of(View("packed_c", "a", "b", "c")), "X", packed, out _)); // another view
        Assert.False(PackedRow.TryRead(PackedSchema.Of(View("packed_d", "a", "b")), "X", packed, out _));      // another width
        Assert.False(PackedRow.TryRead(before, "X", "2874.56", out _));                                          // a readable field
        Assert.False(PackedRow.TryRead(before, "X", StackExchange.Redis.RedisValue.Null, out _));               // no row at all
    }
}
