using System.Text;
using Project01.Core.Market;
using Project01.Messaging.Records;

namespace Project01.Messaging.Tests;

/// <summary>Payloads the properties in <see cref="RecordPayloadProperties"/> found that threw or were misread.</summary>
public sealed class RecordPayloadRegressionTests
{
    private static readonly DateTime T0 = new(2024, 6, 3, 13, 30, 0, DateTimeKind.Utc);

    private static Bar At(DateTime t) => new("AA", t, 1, 2, 0.5, 1.5, 10);

    private static (bool Ok, int Bars, string? Error) TryRead(ReadOnlySpan<byte> json)
    {
        var into = new List<Bar>();
        var ok = BarMessages.TryRead(json, into, static (b, _, _) => b, out var error);
        return (ok, into.Count, error);
    }

    [Fact]
    public void AKindThatIsNotTextIsNoKindRatherThanAnException()
    {
        byte[] notUtf8 = [.. "{\"v\":1,\"kind\":\""u8, 0xFF, .. "\"}"u8];
        byte[] loneSurrogate = "{\"kind\":\"\\ud800\"}"u8.ToArray();

        Assert.Null(RecordJson.PeekKind(notUtf8));
        Assert.Null(RecordJson.PeekKind(loneSurrogate));
        Assert.Equal((true, 0, (string?)null), TryRead(notUtf8)); // not a bar message: nothing to add
        Assert.Equal((true, 0, (string?)null), TryRead(loneSurrogate));
    }

    [Theory]
    [InlineData("""{"v":"x"}""")]
    [InlineData("""{"v":true}""")]
    [InlineData("""{"v":[]}""")]
    [InlineData("""{"v":"2"}""")]
    [InlineData("""{"v":"2","kind":"bar"}""")]
    [InlineData("""{"v":{},"kind":"bars"}""")]
    public void AVersionThatIsNotANumberIsRefusedWithAReason(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        string? error;
        Assert.Null(RecordJson.TryDeserializeBar(bytes, out error));
        Assert.StartsWith("not a valid bar record", error);
        Assert.Null(RecordJson.TryDeserializeTrade(bytes, out error));
        Assert.Null(RecordJson.TryDeserializeQuote(bytes, out error));
        Assert.Null(RecordJson.TryDeserializeNews(bytes, out error));
        Assert.Null(RecordJson.TryDeserializeTweet(bytes, out error));
        Assert.Null(RecordJson.TryDeserializeFundamental(bytes, out error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Null(BarBatchRecord.TryDeserialize(bytes, out error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        var (ok, bars, readError) = TryRead(bytes);
        Assert.Equal(0, bars);
        Assert.True(ok || !string.IsNullOrWhiteSpace(readError));
    }

    [Theory]
    [InlineData("""{"v":1,"kind":"bars","symbol":"AA","source":"s","ingest_time":0,"time":[253402300800000],"open":[1],"high":[1],"low":[1],"close":[1],"volume":[1]}""",
        "item 0: time 253402300800000 is outside the range of dates")]
    [InlineData("""{"v":1,"kind":"bars","symbol":"AA","source":"s","ingest_time":-62135596800001,"time":[0],"open":[1],"high":[1],"low":[1],"close":[1],"volume":[1]}""",
        "ingest_time -62135596800001 is outside the range of dates")]
    [InlineData("""{"v":2,"kind":"bars","symbol":"AA","source":"s","ingest_time":0,"time":[9223372036854775807],"open":[1],"high":[1],"low":[1],"close":[1],"volume":[1]}""",
        "item 0: time 9223372036854775807 is outside the range of dates")]
    public void ABatchTimeOutsideTheRangeOfDatesIsRefused(string json, string expected)
    {
        Assert.Null(BarBatchRecord.TryDeserialize(Encoding.UTF8.GetBytes(json), out var error));
        Assert.Equal(expected, error);
        Assert.Equal((false, 0, expected), TryRead(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void ABatchKeepsTimesBelowAMillisecondLikeASingleBar()
    {
        Bar[] bars = [At(T0), At(T0.AddTicks(1_000)), At(T0.AddTicks(15_000)), At(T0.AddTicks(15_001))]; // +0.1 ms, +1.5 ms, +100 ns
        var ingest = T0.AddTicks(12_345);

        var decoded = BarBatchRecord.TryDeserialize(new BarBatchRecord("AA", "s", ingest, bars).Serialize(), out var error);

        Assert.True(decoded is not null, error);
        Assert.Equal(bars, decoded.Bars);
        Assert.Equal(ingest, decoded.IngestTime);
    }

    [Fact]
    public void ABatchIsWrittenAsSchemaV2WithTimesInTicksAndV1BatchesStillRead()
    {
        var v2 = new BarBatchRecord("AA", "s", DateTime.UnixEpoch.AddTicks(1), [At(DateTime.UnixEpoch.AddTicks(15_001))]).Serialize();
        Assert.Equal(
            """{"v":2,"kind":"bars","symbol":"AA","source":"s","ingest_time":1,"time":[15001],"open":[1],"high":[2],"low":[0.5],"close":[1.5],"volume":[10]}""",
            Encoding.UTF8.GetString(v2));

        var v1 = BarBatchRecord.TryDeserialize(
            """{"v":1,"kind":"bars","symbol":"AA","source":"s","ingest_time":1717421400000,"time":[1717421400001,1717421400002],"open":[1,1],"high":[2,2],"low":[0.5,0.5],"close":[1.5,1.5],"volume":[10,10]}"""u8,
            out var error);
        Assert.True(v1 is not null, error);
        Assert.Equal([At(T0.AddMilliseconds(1)), At(T0.AddMilliseconds(2))], v1.Bars);
        Assert.Equal(T0, v1.IngestTime);

        Assert.Null(BarBatchRecord.TryDeserialize("""{"v":3,"kind":"bars"}"""u8, out error));
        Assert.Equal("unsupported schema version 3 (expected 1 or 2)", error);
    }

    [Fact]
    public void ABatchFollowedByMoreBytesIsRefused()
    {
        var batch = new BarBatchRecord("AA", "s", T0, [At(T0)]).Serialize();

        Assert.NotNull(BarBatchRecord.TryDeserialize([.. batch, .. " \n"u8], out _)); // trailing whitespace is fine
        Assert.Null(BarBatchRecord.TryDeserialize([.. batch, .. "x"u8], out var error));
        Assert.StartsWith("not a valid bars record", error);
        Assert.Null(BarBatchRecord.TryDeserialize([.. batch, .. batch], out error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(0, TryRead([.. batch, .. batch]).Bars);
    }
}
