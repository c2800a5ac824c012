using Project01.Contracts;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Project01.Tests;

namespace Project01.IntegrationTests.Browser;

/// <summary>
/// The dashboard in a real browser: each page renders its charts and states, and a screenshot of each is kept under
/// artifacts/screenshots for people to look at.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardBrowserTests(AppHostFixture fixture) : IAsyncLifetime
{
    private DashboardBrowser _browser = null!;

    public async ValueTask InitializeAsync() => _browser = await DashboardBrowser.LaunchAsync();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    private Task<IPage> OpenAsync(string path, int width = 1440, int height = 1000, string? password = null) =>
        _browser.OpenAsync(fixture, path, width, height, password);

    [Fact]
    public async Task APersonSignsInBeforeSeeingAnythingAndAWrongPasswordIsTurnedAway()
    {
        var refused = await OpenAsync("/models", password: "not-the-password-at-all");
        Assert.Contains("/login", refused.Url, StringComparison.Ordinal);
        Assert.Contains("Wrong user or password", await refused.Locator("[data-testid=login-error]").InnerTextAsync());

        var page = await OpenAsync("/models");
        Assert.EndsWith("/models", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=signed-in-user]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("operator · operator", (await page.Locator("[data-testid=signed-in-user]").InnerTextAsync()).Trim());

        await page.Locator("button[aria-label='sign out']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 60_000 });
        await page.GotoAsync(new Uri(fixture.App.GetEndpoint("dashboard", "http"), "/models").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
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
        Assert.Contains("EMA 20", legend);
        Assert.Contains("RSI 14", legend);
        Assert.Contains("MACD", legend);
        Assert.Contains(legend, l => l.StartsWith("forecast 2020-04-20", StringComparison.Ordinal));
        var axes = await page.Locator("[data-testid=price-chart] .g-ytitle, [data-testid=price-chart] .g-y2title, [data-testid=price-chart] .g-y3title, [data-testid=price-chart] .g-y4title").AllTextContentsAsync();
        Assert.Equal(["MACD", "RSI", "price", "volume"], axes.Order());
        Assert.True(await page.Locator("[data-testid=price-chart] .cartesianlayer .trace").CountAsync() >= 10);
        await page.WaitForSelectorAsync("[data-testid=predictions-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains("predicted (out of sample)", await page.Locator("[data-testid=predictions-chart] .legendtext").AllTextContentsAsync());
        Assert.EndsWith("bp", (await page.Locator("[data-testid=forecast-value]").InnerTextAsync()).Trim());
        Assert.Contains("live", await page.Locator("[data-testid=live-indicator]").InnerTextAsync());
        await DashboardBrowser.ScreenshotAsync(page, "markets");

        // The light theme re-draws the page (and its charts) on a light background.
        await page.Locator("button[aria-label='toggle theme']").ClickAsync();
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor !== 'rgb(18, 21, 27)'");
        await DashboardBrowser.ScreenshotAsync(page, "markets-light");
    }

    [Fact]
    public async Task OverviewShowsEveryPipelineStage()
    {
        await ForecastReadyAsync();
        var page = await OpenAsync("/");
        foreach (var stage in new[] { "ingest", "features", "training", "inference" })
            await page.WaitForSelectorAsync($"[data-testid=stage-{stage}]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        // The writer's counters are since its process started, and a fault test may have just restarted Ingest (the card
        // then reads "service unavailable"): the page refreshes itself, so wait for it to show every service back.
        await page.WaitForFunctionAsync(
            "() => /\\d[\\d,]* records written/.test(document.querySelector('[data-testid=stage-ingest]').innerText) && " +
            "['ingest', 'features', 'training', 'inference'].every(s => document.querySelector('[data-testid=service-health]')?.innerText.includes(s + ': Healthy'))",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.Matches(@"\d[\d,]* records written", await page.Locator("[data-testid=stage-ingest]").InnerTextAsync());
        Assert.Matches(@"ret1-lightgbm v\d+ \(champion\) on CPU", await page.Locator("[data-testid=stage-inference]").InnerTextAsync());
        Assert.Contains("lake-writer", await page.Locator("[data-testid=stage-lag]").InnerTextAsync());
        var health = await page.Locator("[data-testid=service-health]").InnerTextAsync();
        foreach (var service in new[] { "ingest", "features", "training", "inference" })
            Assert.Contains($"{service}: Healthy", health);
        await DashboardBrowser.ScreenshotAsync(page, "overview");
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
        await page.WaitForSelectorAsync("[data-testid=importance-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains("rsi14", await page.Locator("[data-testid=importance-chart] .ytick").AllTextContentsAsync());
        Assert.Matches(@"ret1-lightgbm\s+succeeded", await page.Locator("[data-testid=job-table]").InnerTextAsync());
        await DashboardBrowser.ScreenshotAsync(page, "models");
    }

    [Fact]
    public async Task BacktestLaunchedFromThePageShowsEquityAndMonthlyReturns()
    {
        await ForecastReadyAsync();
        var page = await OpenAsync("/backtests");
        await page.WaitForSelectorAsync("[data-testid=launch-run]:not([disabled])", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=launch-run]").ClickAsync();
        // Other tests may have stored runs already (the page then opens on the newest): wait for the launched run's own
        // page, or for the error the page shows instead (which then is the failure's message).
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/backtests/bt-') || document.querySelector('[data-testid=launch-error]')",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        if (await page.Locator("[data-testid=launch-error]").CountAsync() > 0)
            Assert.Fail("the launch failed: " + await page.Locator("[data-testid=launch-error]").InnerTextAsync());
        await page.WaitForSelectorAsync("[data-testid=equity-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=monthly-heatmap] .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal(["equity", "drawdown"], await page.Locator("[data-testid=equity-chart] .legendtext").AllTextContentsAsync());
        Assert.Matches(@"Sharpe\s+-?\d+\.\d\d", await page.Locator("[data-testid=metrics-table]").InnerTextAsync());
        await DashboardBrowser.ScreenshotAsync(page, "backtests");
    }

    [Fact]
    public async Task DriftPageShowsTheHeatmapSeriesAndQualityIssues()
    {
        var champion = await ForecastReadyAsync();
        await fixture.EventuallyAsync("a drift report", async ct =>
        {
            using var response = await fixture.Client("training").GetAsync($"/v1/monitoring/drift/{champion.Model}", ct);
            return (response.IsSuccessStatusCode, 0, $"{(int)response.StatusCode}");
        }, TestContext.Current.CancellationToken);
        var page = await OpenAsync($"/drift/{champion.Model}");
        await page.WaitForSelectorAsync("[data-testid=drift-heatmap] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=drift-series] .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.NotEmpty(await page.Locator("[data-testid=drift-heatmap] .ytick").AllTextContentsAsync()); // the inputs the champion uses
        Assert.Contains("Wasserstein (sd)", await page.Locator("[data-testid=drift-series] .legendtext").AllTextContentsAsync());
        Assert.Matches("(no )?dataset drift", await page.Locator("[data-testid=dataset-drift]").InnerTextAsync());
        Assert.Matches(@"\d+ of \d+", await page.Locator("[data-testid=drift-alerts]").InnerTextAsync());
        Assert.True(await page.Locator("[data-testid=quality-table], [data-testid=quality-none]").CountAsync() == 1);
        // The served intervals' realised coverage over the champion's test span, by month.
        await page.WaitForSelectorAsync("[data-testid=coverage-table]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Matches(@"80 ?% intervals: \d+\.\d ?% realised over \d+ outcomes", await page.Locator("[data-testid=coverage-summary]").InnerTextAsync());
        await DashboardBrowser.ScreenshotAsync(page, "drift");
    }

    [Fact]
    public async Task FeatureStorePageBrowsesViewsAndLooksUpOnlineValues()
    {
        await fixture.WaitForSpxFeaturesAsync(TestContext.Current.CancellationToken);
        var page = await OpenAsync("/features");
        await page.WaitForSelectorAsync("[data-testid=view-list]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var views = await page.Locator("[data-testid=view-list]").InnerTextAsync();
        Assert.Contains("price", views);
        Assert.Contains("sentiment", views);
        await page.Locator("[data-testid=online-fetch]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=online-table]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var table = await page.Locator("[data-testid=online-table]").InnerTextAsync();
        Assert.Contains("rsi14", table);
        Assert.Contains("SPX", table);
        await DashboardBrowser.ScreenshotAsync(page, "features");
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
        await DashboardBrowser.ScreenshotAsync(page, "news");
    }

    [Fact]
    public async Task OnAPhoneThePagesFitTheScreenWidth()
    {
        await ForecastReadyAsync();
        foreach (var (path, name) in new[] { ("/", "overview"), ("/markets/SPX", "markets") })
        {
            var page = await OpenAsync(path, 390, 844);
            await page.WaitForSelectorAsync(name == "overview" ? "[data-testid=stage-ingest]" : "[data-testid=price-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
            // The layout reflows instead of scrolling sideways (tables scroll inside their own box).
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"{path} is {overflow} px wider than a 390 px screen");
            await DashboardBrowser.ScreenshotAsync(page, $"{name}-phone");
        }
    }

    private Task<ForecastDto> ForecastReadyAsync() => fixture.WaitForForecastAsync(TestContext.Current.CancellationToken);
}
