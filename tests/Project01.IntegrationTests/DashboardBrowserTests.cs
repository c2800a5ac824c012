using Project01.Contracts;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium driven by Playwright, no browser download): each page renders
/// its charts and states, and a screenshot of each is kept under artifacts/screenshots for people to look at.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardBrowserTests(AppHostFixture fixture) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private static string Screenshots => Directory.CreateDirectory(Path.Combine(TestPaths.RepoRoot, "artifacts", "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var url = new Uri(fixture.App.GetEndpoint("dashboard", "http"), path);
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
        return page;
    }

    [Fact]
    public async Task MarketsPageDrawsCandlesIndicatorsAndTheForecast()
    {
        await ForecastReadyAsync();
        var page = await OpenAsync("/markets/SPX");

        await page.WaitForSelectorAsync("[data-testid=price-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var legend = await page.Locator("[data-testid=price-chart] .legendtext").AllTextContentsAsync();
        Assert.Contains("SPX", legend);
        Assert.Contains("SMA 20", legend);
        Assert.Contains(legend, l => l.StartsWith("forecast 2020-04-20", StringComparison.Ordinal));
        Assert.Contains("predicted (out of sample)", legend);
        Assert.True(await page.Locator("[data-testid=price-chart] .cartesianlayer .trace").CountAsync() >= 5);
        Assert.EndsWith("bp", (await page.Locator("[data-testid=forecast-value]").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "markets.png"), FullPage = true });
    }

    [Fact]
    public async Task OverviewShowsEveryPipelineStage()
    {
        await ForecastReadyAsync();
        var page = await OpenAsync("/");
        foreach (var stage in new[] { "ingest", "features", "training", "inference" })
            await page.WaitForSelectorAsync($"[data-testid=stage-{stage}]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Matches(@"\d{2},\d{3} records written", await page.Locator("[data-testid=stage-ingest]").InnerTextAsync());
        Assert.Matches(@"ret1-lightgbm v\d+ \(champion\) on CPU", await page.Locator("[data-testid=stage-inference]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "overview.png"), FullPage = true });
    }

    [Fact]
    public async Task ModelsPageListsVersionsWithAliasHistory()
    {
        await ForecastReadyAsync();
        var page = await OpenAsync("/models");
        await page.WaitForSelectorAsync("[data-testid=model-table]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var table = await page.Locator("[data-testid=model-table]").InnerTextAsync();
        Assert.Contains("ret1-lightgbm", table);
        Assert.Contains("champion", table);
        Assert.Matches(@"\bv1\b", table);
        Assert.DoesNotContain("@", table); // a Razor expression left as text would show up here
        Assert.Contains("first model of this name", await page.ContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "models.png"), FullPage = true });
    }

    [Fact]
    public async Task NewsPageListsScoredArticles()
    {
        await fixture.EventuallyAsync("scored texts", async ct =>
        {
            var texts = await fixture.Client("features").GetFromJsonAsync<ScoredTextDto[]>("/v1/sentiment/texts?limit=1", ct);
            return (texts!.Length > 0, 0, "none yet");
        }, TestContext.Current.CancellationToken);
        var page = await OpenAsync("/news");
        await page.WaitForSelectorAsync("[data-testid=text-table]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var table = await page.Locator("[data-testid=text-table]").InnerTextAsync();
        Assert.Contains("news", table);
        Assert.Matches("positive|negative|neutral", table);
        Assert.Matches(@"crude|acq", table);
        Assert.Contains("lexicon:afinn-financialmarketnews", await page.ContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "news.png"), FullPage = true });
    }

    private Task ForecastReadyAsync() => fixture.WaitForForecastAsync(TestContext.Current.CancellationToken);
}
