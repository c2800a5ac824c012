using Project01.Lake.Data;
using Project01.Lake.Schema;
using Project01.Lake.Storage;
using Project01.Tests;

namespace Project01.Lake.Tests;

/// <summary>A fresh lake directory per test, removed afterwards.</summary>
public sealed class TempLake : IDisposable
{
    public TempLake() => Root = TestPaths.NewTempDirectory("lake");

    public string Root { get; }
    public LocalLakeStorage Storage => new(Root);
    public Lakehouse NewLakehouse() => new(Storage);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    public static readonly LakeSchema PriceSchema = new([
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("time", LakeType.Timestamp, Nullable: false),
        new LakeField("close", LakeType.Double, Nullable: false),
        new LakeField("volume", LakeType.Long),
        new LakeField("date", LakeType.Date, Nullable: false),
    ]);

    public static RecordBatch Prices(string symbol, DateOnly start, int days, double first = 100)
    {
        var times = Enumerable.Range(0, days).Select(i => start.AddDays(i).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ToArray();
        return new RecordBatch(PriceSchema, [
            Enumerable.Repeat(symbol, days).ToArray(),
            times,
            Enumerable.Range(0, days).Select(i => first + i).ToArray(),
            Enumerable.Range(0, days).Select(i => i % 3 == 0 ? (long?)null : i * 1000L).ToArray(),
            times.Select(DateOnly.FromDateTime).ToArray(),
        ]);
    }
}
