using Microsoft.Extensions.Logging.Abstractions;
using Project01.Ingestion.Import;
using Project01.Ingestion.Replay;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using Project01.Tests;
using Project01.Tests.Kafka;

namespace Project01.Ingestion.Tests.Import;

public sealed class KafkaImportTargetTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task IntoTheRunningPlatformBarsGoToTicksAndRejectsToItsDeadLetters()
    {
        await using var kit = KafkaTestKit.Start();
        var dir = TestPaths.NewTempDirectory("kafka-import");
        await File.WriteAllTextAsync(Path.Combine(dir, "IBM.csv"),
            "timestamp,open,high,low,close,volume\n1577975400000,135.0,135.9,134.9,135.4,100\n1577975460000,135.4,135.5,135.1,-1,200\n1577975520000,135.2,135.6,135.1,135.5,300\n", _ct);
        using var producer = kit.Producer();
        var import = new UniverseImport(new KafkaImportTarget(new MarketReplay(producer, NullLogger<MarketReplay>.Instance), producer), NullLogger<UniverseImport>.Instance);

        var summary = await import.RunAsync(UniverseImport.FilesIn(dir), new ImportOptions(), ct: _ct);

        Assert.Equal((2L, 1L), (summary.Rows, summary.Rejected));
        var batch = BarBatchRecord.TryDeserialize(Assert.Single(kit.ReadAll(Topics.Ticks, 1, TimeSpan.FromSeconds(20))).Message.Value, out var error);
        Assert.True(batch is not null, error);
        Assert.Equal([new DateTime(2020, 1, 2, 14, 30, 0), new DateTime(2020, 1, 2, 14, 32, 0)], batch.Bars.Select(b => b.Time));
        Assert.StartsWith("import:IBM.csv@", batch.Source);
        var dead = RecordJson.DeserializeDeadLetter(Assert.Single(kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 1, TimeSpan.FromSeconds(20))).Message.Value)!;
        Assert.Equal((3L, "close"), (dead.Line!.Value, dead.Field!));
        Assert.Equal(batch.Source, dead.Source);
    }

    [Fact]
    public async Task AdjustedBarsTravelWithTheFactorsThatGiveBackRawPrices()
    {
        await using var kit = KafkaTestKit.Start();
        var dir = TestPaths.NewTempDirectory("kafka-adjusted");
        await File.WriteAllTextAsync(Path.Combine(dir, "KO.csv"),
            "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,55.32,55.43,54.19,54.99,50.05,11867700\n2020-01-03,54.32,54.99,54.09,54.69,49.78,11354500\n", _ct);
        using var producer = kit.Producer();
        var import = new UniverseImport(new KafkaImportTarget(new MarketReplay(producer, NullLogger<MarketReplay>.Instance), producer), NullLogger<UniverseImport>.Instance);

        await import.RunAsync(UniverseImport.FilesIn(dir), new ImportOptions(), ct: _ct);

        var messages = kit.ReadAll(Topics.Ticks, 2, TimeSpan.FromSeconds(20));
        var bars = BarBatchRecord.TryDeserialize(messages.Single(m => RecordJson.PeekKind(m.Message.Value) == BarBatchRecord.KindName).Message.Value, out _)!;
        var factors = RecordJson.TryDeserializeAdjustments(messages.Single(m => RecordJson.PeekKind(m.Message.Value) == PriceAdjustmentsRecord.KindName).Message.Value, out var error);
        Assert.True(factors is not null, error);
        Assert.Equal([50.05, 49.78], bars.Bars.Select(b => Math.Round(b.Close, 6)));
        Assert.Equal([54.99, 54.69], bars.Bars.Zip(factors.Factors, (b, f) => Math.Round(b.Close / f, 6)));
        Assert.Equal(bars.Bars.Select(b => b.Time), factors.Times);
    }
}
