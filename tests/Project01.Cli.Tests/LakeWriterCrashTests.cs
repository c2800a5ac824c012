using Project01.LakeTables;
using Project01.Tests;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Project01.LakeTables.Writing.Sinks;
using Project01.Ingestion.Replay;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.Lake.Storage;
using Project01.Messaging.Embedded;
using Project01.Messaging.Kafka;
using Confluent.Kafka;


namespace Project01.Cli.Tests;

/// <summary>
/// Exactly-once under a real crash: the lake writer runs as its own process (p01 lake write), is killed with SIGKILL
/// in the middle of the Dow 30 replay, is started again, and the lake ends up with every record exactly once.
/// </summary>
public sealed class LakeWriterCrashTests
{
    [Fact]
    public async Task AKilledWriterRestartsWithoutLosingOrDuplicatingARecord()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = MockKafkaCluster.Start(0, Topics.All);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, EnableIdempotence = true }).Build())
        {
            var replay = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.Bundled("dow30"), ct: ct);
            Assert.Equal(75_870, replay.Produced);
        }
        var lakeDir = TestPaths.NewTempDirectory("crash-lake");
        var lake = new Lakehouse(new LocalLakeStorage(lakeDir));
        string[] args = ["lake", "write", "--bootstrap", broker.BootstrapServers, "--lake", lakeDir];

        // First run: kill it hard once a few commits are in, long before the replay is through (the replay packs bars 500
        // to a message, ~180 messages; two messages a commit gives ~90 commits).
        var thirdCommit = Path.Combine(lakeDir, LakeCatalog.Bars.Path, "_delta_log", $"{3:D20}.json");
        using (var first = P01.Start([.. args, "--batch", "2"]))
        {
            var stderr = first.StandardError.ReadToEndAsync(ct); // keep the pipe drained so the writer never blocks on its logs
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && !first.HasExited && !File.Exists(thirdCommit)) await Task.Delay(5, ct);
            if (first.HasExited) Assert.Fail("the writer exited before it could be killed: " + await stderr);
            if (!File.Exists(thirdCommit)) { first.Kill(true); Assert.Fail("no commit within a minute: " + string.Join("\n", Directory.GetFileSystemEntries(lakeDir, "*", SearchOption.AllDirectories)) + "\n" + (await stderr)); }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(ct);
            var landed = await CommittedRowsAsync(lake, ct);
            Assert.InRange(landed, 1, 75_869);
            TestContext.Current.SendDiagnosticMessage($"killed after {landed} committed rows, {clock.Elapsed.TotalSeconds:F1} s in");
        }

        // Second run in the same group: resumes from the committed offsets, skips anything the lake already holds.
        var second = await P01.RunAsync([.. args, "--batch", "50", "--until-idle", "15"]);
        Assert.True(second.ExitCode == 0, second.Stderr);

        Assert.Equal(75_870, await CommittedRowsAsync(lake, ct));
        var check = await new LakeSql(lake).QueryAsync(
            "SELECT count(*) AS rows, count(DISTINCT (kafka_partition, kafka_offset, kafka_index)) AS positions, count(DISTINCT (symbol, event_time)) AS bars FROM bars", ct: ct);
        Assert.Equal([75_870L, 75_870L, 75_870L], check.Rows[0].Select(Convert.ToInt64));
    }

    private static async Task<long> CommittedRowsAsync(Lakehouse lake, CancellationToken ct)
    {
        var table = await DeltaTableOrNull(lake, ct);
        return table is null ? 0 : (await table.RefreshAsync(ct)).NumRecords;
    }

    private static Task<Project01.Lake.Delta.DeltaTable?> DeltaTableOrNull(Lakehouse lake, CancellationToken ct) =>
        Project01.Lake.Delta.DeltaTable.OpenAsync(lake.Storage, LakeCatalog.Bars.Path, ct);
}
