using Microsoft.Extensions.Logging.Abstractions;
using Project01.Ingestion.Replay;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using Project01.Tests.Kafka;
using Project01.Tests;

namespace Project01.Ingestion.Tests;

public sealed class MarketReplayTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task MalformedRowsAreDeadLetteredWithFileLineAndFieldAndTheRestIsIngested()
    {
        await using var kit = KafkaTestKit.Start();
        var lines = File.ReadLines(TestPaths.BundledData("sp500-daily-2000-2020.csv")).Take(301).ToList(); // header + 300 bars
        lines.Insert(11, "2000-01-14,1449.2,1454.1,1431.6,not-a-price,1085900000");   // becomes line 12
        lines.Insert(51, "2000-03-40,1449.2,1454.1,1431.6,1440.0,1085900000");        // becomes line 52: no such day
        lines.Insert(101, "2000-05-30,1449.2,1400.0,1431.6,1440.0,1085900000");       // becomes line 102: high below low
        var file = Path.Combine(TestPaths.NewTempDirectory("replay"), "with-errors.csv");
        await File.WriteAllLinesAsync(file, lines, _ct);

        using var producer = kit.Producer();
        var result = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.File(file, "SPX"), ct: _ct);

        Assert.Equal(303, result.Lines);
        Assert.Equal(300, result.Produced);
        Assert.Equal(3, result.DeadLettered);

        // As fast as possible, the 300 bars of one symbol travel as one batch message.
        var ticks = kit.ReadAll(Topics.Ticks, 1, TimeSpan.FromSeconds(20));
        var batch = BarBatchRecord.TryDeserialize(Assert.Single(ticks).Message.Value, out var error);
        Assert.True(batch is not null, error);
        Assert.Equal(300, batch.Bars.Count);
        Assert.Equal("SPX", batch.Symbol);

        var dead = kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 3, TimeSpan.FromSeconds(20))
            .Select(r => RecordJson.DeserializeDeadLetter(r.Message.Value)!).OrderBy(d => d.Line).ToList();
        Assert.Equal(3, dead.Count);
        Assert.Equal((12L, "close"), (dead[0].Line!.Value, dead[0].Field!));
        Assert.Equal((52L, "date"), (dead[1].Line!.Value, dead[1].Field!));
        Assert.Equal((102L, "high"), (dead[2].Line!.Value, dead[2].Field!));
        Assert.Contains("not-a-price", dead[0].Reason);
        Assert.Equal(lines[11], dead[0].Payload);
        Assert.All(dead, d => Assert.Equal("replay:with-errors.csv", d.Source));
    }

    [Fact]
    public async Task SpeedFactorSpacesBarsByScaledEventTime()
    {
        await using var kit = KafkaTestKit.Start();
        var file = Path.Combine(TestPaths.NewTempDirectory("replay"), "three-days.csv");
        await File.WriteAllTextAsync(file, "date,close\n2020-01-01,10\n2020-01-02,11\n2020-01-03,12\n", _ct);
        using var producer = kit.Producer();
        // Two days of event time at 86,400 × 4 = a quarter second per day.
        var result = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.File(file, "TST"), speed: 86_400 * 4, ct: _ct);
        Assert.Equal(3, result.Produced);
        Assert.InRange(result.Elapsed.TotalSeconds, 0.45, 5);
        // Paced like a live feed: one bar per message.
        var ticks = kit.ReadAll(Topics.Ticks, 3, TimeSpan.FromSeconds(10));
        Assert.Equal(3, ticks.Count);
        Assert.All(ticks, t => Assert.NotNull(RecordJson.TryDeserializeBar(t.Message.Value, out _)));
    }
}

public sealed class MalformedFloodTests
{
    [Fact]
    public async Task TenThousandMalformedRecordsAllReachTheDeadLetterTopicAndEveryGoodOneTheLake()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var kit = KafkaTestKit.Start();
        // The Dow 30 file with a malformed row after every 7th good one (wrong number, bad date, missing field, bad symbol).
        var good = File.ReadLines(TestPaths.BundledData("dowjones30-daily-close-1991-2000.csv")).Skip(1).ToList();
        var lines = new List<string> { "date,symbol,close" };
        var bad = 0;
        var kinds = new[] { "{0},AA,n/a", "1995-13-{1:00},AA,10.5", "1995-01-02,AA", "1995-01-02,aa-lower,10.5" };
        for (var i = 0; i < good.Count; i++)
        {
            lines.Add(good[i]);
            if (i % 7 == 0 && bad < 10_000) lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, kinds[bad % 4], good[i][..10], bad++ % 28 + 1));
        }
        Assert.Equal(10_000, bad);
        var file = Path.Combine(TestPaths.NewTempDirectory("flood"), "dow30-with-errors.csv");
        await File.WriteAllLinesAsync(file, lines, ct);

        using var producer = kit.Producer();
        var result = await new MarketReplay(producer, NullLogger<MarketReplay>.Instance).RunAsync(ReplayInput.File(file, "UNUSED"), ct: ct);
        Assert.Equal((75_870L, 10_000L), (result.Produced, result.DeadLettered));

        var dead = kit.ReadAll(Topics.DeadLetter(Topics.Ticks), 10_000, TimeSpan.FromSeconds(60)).Select(r => RecordJson.DeserializeDeadLetter(r.Message.Value)!).ToList();
        Assert.Equal(10_000, dead.Count);
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Equal(["close", "date", "line", "symbol"], dead.Select(d => d.Field!).Distinct().Order());
        Assert.Equal(10_000, dead.Select(d => d.Line).Distinct().Count());

        var stats = new Project01.LakeTables.Writing.LakeWriterStats();
        var lake = kit.Lake;
        {
            using var cts = new CancellationTokenSource();
            var run = Task.Run(() => kit.Writer("flood-writer", producer, stats, lake).RunAsync(kit.Cluster.ClusterId, cts.Token), ct);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (stats.Written < 75_870 && DateTime.UtcNow < deadline) await Task.Delay(100, ct);
            await cts.CancelAsync();
            await run;
        }
        Assert.Equal(75_870, stats.Written);
        var rows = await new Project01.Lake.Sql.LakeSql(lake).QueryAsync("SELECT count(*), count(DISTINCT (symbol, event_time)) FROM raw.bars", ct: ct);
        Assert.Equal([75_870L, 75_870L], rows.Rows[0].Select(Convert.ToInt64));
    }
}
