using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Project01.Contracts;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Market;
using Project01.Ingestion.Import;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>
/// Features scaled out on Kafka: a second replica joins the consumer group and the two split the ticks partitions;
/// bars of sixteen new symbols flow while both run, then the second one stops and its partitions go back to the first,
/// which must carry on from the bars the second one processed. Every symbol's stored features equal one batch run of
/// the engine over its bars, row for row: nothing missed, nothing doubled, no gap in any rolling window.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class FeatureReplicaTests(AppHostFixture fixture)
{
    private const int Symbols = 16, BarsPerSymbol = 600;
    private static readonly int[] AllPartitions = [0, 1, 2, 3, 4, 5, 6, 7]; // Topics.All: ticks has 8
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private sealed record StreamStatus(string Phase, long StreamBarsProcessed, int[] Partitions);

    [Fact]
    public async Task TwoReplicasSplitThePartitionsAndComputeWhatOneWould()
    {
        await fixture.WaitForSpxFeaturesAsync(_ct);
        // Real S&P 500 bars under sixteen test names, each symbol a different 600-day span (so no two series are alike).
        var spx = BundledData.Sp500Bars();
        var series = Enumerable.Range(0, Symbols).ToDictionary(i => $"RPL{i:D2}",
            i => spx.Skip(100 * i).Take(BarsPerSymbol).Select(b => b with { Symbol = $"RPL{i:D2}" }).ToArray());

        var first = fixture.Client("features");
        await fixture.ExecuteCommandAsync(AppHostFixture.FeaturesReplica, KnownResourceCommands.StartCommand, _ct);
        var second = fixture.Client(AppHostFixture.FeaturesReplica);
        try
        {
            // The group settles with each replica holding some partitions and the two together all of them.
            var (a, b) = await fixture.WithinAsync("the two replicas to split the ticks partitions", TimeSpan.FromMinutes(3), async c =>
            {
                var (sa, sb) = (await StatusAsync(first, c), await StatusAsync(second, c));
                var split = sa is { Phase: "streaming" } && sb is { Phase: "streaming" } && sa.Partitions.Length > 0 && sb.Partitions.Length > 0
                    && sa.Partitions.Concat(sb.Partitions).Order().SequenceEqual(AllPartitions);
                return (split, (sa!, sb!), $"first [{string.Join(',', sa?.Partitions ?? [])}] {sa?.Phase}, second [{string.Join(',', sb?.Partitions ?? [])}] {sb?.Phase}");
            }, _ct);

            await ImportAsync(series.ToDictionary(kv => kv.Key, kv => kv.Value[..(BarsPerSymbol / 2)]));
            await RowsAsync(series.Keys, BarsPerSymbol / 2);
            var (a1, b1) = (await StatusAsync(first, _ct), await StatusAsync(second, _ct));
            Assert.True(a1!.StreamBarsProcessed > a.StreamBarsProcessed, $"the first replica processed none of the new bars (partitions {string.Join(',', a.Partitions)})");
            Assert.True(b1!.StreamBarsProcessed > b.StreamBarsProcessed, $"the second replica processed none of the new bars (partitions {string.Join(',', b.Partitions)})");
        }
        finally
        {
            await fixture.ExecuteCommandAsync(AppHostFixture.FeaturesReplica, KnownResourceCommands.StopCommand, _ct);
        }

        // The first replica takes every partition back and must go on from the bars the second one processed.
        await fixture.WithinAsync("the first replica to hold every partition again", TimeSpan.FromMinutes(2), async c =>
        {
            var s = await StatusAsync(first, c);
            return (s?.Partitions.SequenceEqual(AllPartitions) == true, 0, $"[{string.Join(',', s?.Partitions ?? [])}]");
        }, _ct);
        await ImportAsync(series.ToDictionary(kv => kv.Key, kv => kv.Value[(BarsPerSymbol / 2)..]));
        await RowsAsync(series.Keys, BarsPerSymbol);

        var n = PriceFeatures.Count;
        foreach (var (symbol, bars) in series)
        {
            var history = (await first.GetFromJsonAsync<FeatureHistoryResponse>($"/v1/features/history/{symbol}", _ct))!;
            Assert.Equal(bars.Select(b => b.Time), history.Rows.Select(r => r.EventTime));
            var batch = PriceFeatureEngine.ComputeBatch(bars);
            for (var i = 0; i < bars.Length; i++)
                for (var k = 0; k < n; k++)
                {
                    var expected = batch[i * n + k];
                    var actual = history.Rows[i].Values[PriceFeatures.Names[k]];
                    if (double.IsNaN(expected)) Assert.Null(actual);
                    else Assert.True(actual == expected, $"{symbol} {PriceFeatures.Names[k]} at {bars[i].Time:yyyy-MM-dd}: streamed {actual:R}, batch {expected:R}");
                }
            var online = (await first.GetFromJsonAsync<OnlineFeaturesResponse>($"/v1/features/online?symbols={symbol}", _ct))!;
            var latest = Assert.Single(online.Entities);
            Assert.Equal(bars[^1].Time, latest.EventTime);
            Assert.Equal(history.Rows[^1].Values, latest.Values);
        }
    }

    private static async Task<StreamStatus?> StatusAsync(HttpClient client, CancellationToken ct)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(ct);
        call.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            return await client.GetFromJsonAsync<StreamStatus>("/v1/features/status", new JsonSerializerOptions(JsonSerializerDefaults.Web), call.Token);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null; // not listening yet
        }
    }

    /// <summary>Imports each series as a vendor file of daily bars, as <c>p01 import</c> does.</summary>
    private async Task ImportAsync(Dictionary<string, Bar[]> series)
    {
        var dir = TestPaths.NewTempDirectory("replica-import");
        foreach (var (symbol, bars) in series) await AppHostFixture.WriteDailyBarsAsync(Path.Combine(dir, $"{symbol}.csv"), bars, _ct);
        var summary = await fixture.ImportAsync(dir, new ImportOptions(AcceptJumps: true), _ct);
        Assert.Equal((series.Count, 0L), (summary.Series.Count, summary.Rejected));
    }

    private Task RowsAsync(IEnumerable<string> symbols, int rows) =>
        fixture.WithinAsync($"{rows} price_v1 rows of each test symbol", TimeSpan.FromMinutes(3), async c =>
        {
            var marks = (await fixture.Client("features").GetFromJsonAsync<FeatureWatermarkDto[]>("/v1/features/watermarks", c))!
                .Where(m => m.View == "price_v1").ToDictionary(m => m.Symbol, m => m.Rows);
            var behind = symbols.Where(s => marks.GetValueOrDefault(s) != rows).ToList();
            return (behind.Count == 0, 0, $"{behind.Count} behind, e.g. {string.Join(", ", behind.Take(3).Select(s => $"{s}={marks.GetValueOrDefault(s)}"))}");
        }, _ct);
}
