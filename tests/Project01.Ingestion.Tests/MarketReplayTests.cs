using Microsoft.Extensions.Logging.Abstractions;
using Project01.Ingestion.Replay;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
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

        var ticks = kit.ReadAll(Topics.Ticks, 300, TimeSpan.FromSeconds(20));
        Assert.Equal(300, ticks.Count);
        Assert.All(ticks, t => Assert.NotNull(RecordJson.TryDeserializeBar(t.Message.Value, out _)));

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
    }
}
