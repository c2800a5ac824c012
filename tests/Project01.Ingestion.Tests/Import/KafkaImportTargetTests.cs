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
        var import = new UniverseImport(new KafkaImportTarget(new MarketReplay(producer, NullLogger<MarketReplay>.Instance)), NullLogger<UniverseImport>.Instance);

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
}
