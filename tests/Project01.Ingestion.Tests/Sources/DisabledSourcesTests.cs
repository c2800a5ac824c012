using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.X;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

public sealed class DisabledSourcesTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutKeysEverySourceIsOffSaysSoOnceAndCallsNothing()
    {
        using var host = SourcesTestHost.Create(new Dictionary<string, string?>
        {
            ["Sources:Polygon:Tickers:0"] = "AAPL",
            ["Sources:Fred:Series:0"] = "GDP",
            ["Sources:X:SearchQuery"] = "$AAPL",
        }, DateTimeOffset.UtcNow);

        await host.Host.StartAsync(_ct); // options validate on start; the status reporter logs
        Assert.Empty(await host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct));
        Assert.Empty(await host.DrainAsync(host.Get<PolygonNewsClient>().ReadAllAsync(_ct), _ct));
        Assert.Empty(await host.DrainAsync(host.Get<FredClient>().ReadAllAsync(_ct), _ct));
        Assert.Empty(await host.DrainAsync(host.Get<NewsFeedClient>().ReadAllAsync(_ct), _ct));
        Assert.Empty(await host.DrainAsync(host.Get<XRecentSearchClient>().ReadAsync(_ct), _ct));
        await host.Get<PolygonStreamClient>().RunAsync((_, _) => throw new InvalidOperationException("no batch expected"), _ct);
        await host.Get<XFilteredStreamClient>().RunAsync((_, _) => throw new InvalidOperationException("no post expected"), _ct);
        await host.Host.StopAsync(_ct);

        Assert.Empty(host.Http.Requests);
        var lines = host.Logs.Lines.Where(l => l.Level >= LogLevel.Information && l.Category == typeof(SourceStatusReporter).FullName).Select(l => l.Message).ToList();
        Assert.Equal(
        [
            "Source Polygon DISABLED: set Sources:Polygon:ApiKey to enable it",
            "Source FRED DISABLED: set Sources:Fred:ApiKey to enable it",
            "Source News feeds DISABLED: set Sources:Feeds:Feeds:0:Name and Sources:Feeds:Feeds:0:Url to enable it",
            "Source X DISABLED: set Sources:X:ApiKey to enable it",
        ], lines);
    }

    [Fact]
    public async Task AConfiguredSourceIsReportedEnabled()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), DateTimeOffset.UtcNow);
        await host.Host.StartAsync(_ct);
        await host.Host.StopAsync(_ct);
        Assert.Contains(host.Logs.Lines, l => l.Message == "Source Polygon enabled (tickers: AAPL)");
    }

    [Fact]
    public async Task InvalidOptionsStopTheHostAtStartWithTheSettingNamed()
    {
        using var host = SourcesTestHost.Create(new Dictionary<string, string?> { ["Sources:Polygon:Aggregates:Timespan"] = "week" }, DateTimeOffset.UtcNow);
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Host.StartAsync(_ct));
        Assert.Contains("Timespan must be minute, hour or day", e.Message);
    }
}
