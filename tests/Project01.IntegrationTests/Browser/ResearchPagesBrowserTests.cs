using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Project01.Contracts;

namespace Project01.IntegrationTests.Browser;

/// <summary>
/// The research pages on the running platform, used as a person would: the forecast's explanation and tail risk on the
/// Markets page, a search started from the Tuning page and a comparison run from the Portfolios page, each followed
/// until the worker has done it.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class ResearchPagesBrowserTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan JobBudget = TimeSpan.FromMinutes(4);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private DashboardBrowser _browser = null!;

    public async ValueTask InitializeAsync() => _browser = await DashboardBrowser.LaunchAsync();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    [Fact]
    public async Task MarketsPageTakesTheForecastApartAndShowsItsTailRisk()
    {
        await fixture.WaitForForecastAsync(_ct);
        // What the page draws: the served champion's contributions, which add up to its forecast.
        var served = (await fixture.Client("inference").GetFromJsonAsync<ForecastDto>("/v1/forecast/SPX?explain=true", _ct))!;
        var explanation = served.Explanation ?? throw new InvalidOperationException("the champion served no explanation");
        Assert.Equal(served.Value, explanation.BaseValue + explanation.Contributions.Sum(c => c.Contribution), 1e-6);

        var page = await _browser.OpenAsync(fixture, "/markets/SPX");
        await page.WaitForSelectorAsync("[data-testid=explanation-waterfall] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var summary = await page.Locator("[data-testid=explanation-summary]").InnerTextAsync();
        Assert.Contains(explanation.Method.Replace('_', ' '), summary);
        Assert.Contains($"largest {explanation.Contributions[0].Feature}", summary);
        // The base value, the largest inputs, the rest in one bar (when there are more than eight) and the forecast.
        var bars = await page.Locator("[data-testid=explanation-waterfall] .ytick").AllTextContentsAsync();
        Assert.Contains(bars, b => b.StartsWith("base value", StringComparison.Ordinal));
        Assert.Contains(bars, b => b.StartsWith(explanation.Contributions[0].Feature + " =", StringComparison.Ordinal));
        Assert.Matches(@"\d+ ?% interval \[-?\d+\.\d, -?\d+\.\d\] bp", await page.Locator("[data-testid=forecast-card]").InnerTextAsync());

        await page.WaitForSelectorAsync("[data-testid=risk-figures]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Contains("GJR-GARCH(1,1) + filtered historical simulation", await page.Locator("[data-testid=risk-panel]").InnerTextAsync());
        var figures = await page.Locator("[data-testid=risk-figures] tbody tr").AllInnerTextsAsync();
        Assert.Equal(4, figures.Count);
        Assert.All(figures, row => Assert.Matches(@"^(1 day|10 days)\s+(95|99) ?%\s+\d+\.\d+ ?%\s+\d+\.\d+ ?%$", row.Trim()));
        var backtests = await page.Locator("[data-testid=risk-backtest]").AllInnerTextsAsync();
        Assert.Equal(2, backtests.Count);
        Assert.All(backtests, line => Assert.Matches(@"(holds|rejected)\s+(95|99) ?%: \d+ exceptions vs \d+\.\d expected · Kupiec p \d\.\d\d · independence p \d\.\d\d", line));
        await DashboardBrowser.ScreenshotAsync(page, "markets-explained");
    }

    [Fact]
    public async Task ASearchStartedOnTheTuningPageFillsItsTrialsAndNamesTheBest()
    {
        await fixture.WaitForForecastAsync(_ct); // the worker is up and has trained the champion the suite starts with
        var page = await _browser.OpenAsync(fixture, "/tuning");
        await page.WaitForSelectorAsync("[data-testid=tuning-start]:not([disabled])", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await ChooseAsync(page, "tuning-model", "ridge");
        await SetNumberAsync(page, "tuning-trials", 3);
        await SetNumberAsync(page, "tuning-folds", 2);
        await page.Locator("[data-testid=tuning-start]").ClickAsync();
        var id = await OpenedJobAsync(page, "tuning", "tuning-error");

        var training = fixture.Client("training");
        var done = await fixture.WithinAsync($"tuning job {id}", JobBudget, async ct =>
        {
            var job = (await training.GetFromJsonAsync<TuningJobDto>($"/v1/tuning/{id}", ct))!;
            return (job.State is not ("queued" or "running"), job, $"{job.State} {job.Progress} {job.Error}");
        }, _ct);
        Assert.True(done.State == "succeeded", $"{done.State}: {done.Error}");
        Assert.Equal(("ridge", "vol5", 3, 2), (done.Request.Model, done.Request.Target, done.Request.Trials, done.Request.Folds));
        Assert.Equal("operator via dashboard", done.RequestedBy); // the person signed in, not the dashboard's own key

        // The page follows the job by itself (live refresh) until the best trial and its test loss show.
        await page.WaitForSelectorAsync("[data-testid=tuning-best]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Equal(3, await page.Locator("[data-testid=tuning-trial]").CountAsync());
        var best = await page.Locator("[data-testid=tuning-best]").InnerTextAsync();
        Assert.Contains($"Best trial #{done.Best!.Number}: cv qlike", best);
        Assert.Contains("vs naive", best);
        Assert.Contains("alpha=", best);
        Assert.Contains($"#{id} · vol5-ridge on sp500 · succeeded", await page.Locator("[data-testid=tuning-title]").InnerTextAsync());
        await DashboardBrowser.ScreenshotAsync(page, "tuning");
    }

    [Fact]
    public async Task AComparisonRunOnThePortfoliosPageShowsEveryMethodAndItsEquity()
    {
        await fixture.WaitForForecastAsync(_ct);
        var page = await _browser.OpenAsync(fixture, "/portfolios");
        await page.WaitForSelectorAsync("[data-testid=portfolio-run]:not([disabled])", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await SetNumberAsync(page, "portfolio-ppo-iterations", 1); // PPO's budget, the only slow part
        await page.Locator("[data-testid=portfolio-run]").ClickAsync();
        var id = await OpenedJobAsync(page, "portfolios", "portfolio-error");

        var training = fixture.Client("training");
        var done = await fixture.WithinAsync($"portfolio job {id}", JobBudget, async ct =>
        {
            var job = (await training.GetFromJsonAsync<PortfolioJobDto>($"/v1/portfolios/{id}", ct))!;
            return (job.State is not ("queued" or "running"), job, $"{job.State} {job.Progress} {job.Error}");
        }, _ct);
        Assert.True(done.State == "succeeded", $"{done.State}: {done.Error}");
        Assert.Equal((1, "operator via dashboard"), (done.Request.PpoIterations, done.RequestedBy));

        await page.WaitForSelectorAsync("[data-testid=portfolio-metrics]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var methods = await page.Locator("[data-testid=portfolio-method] td:first-child").AllInnerTextsAsync();
        Assert.Equal(["ew-buy-hold", "ew", "mv", "min-var", "rp", "ppo"], methods.Select(m => m.Trim()));
        Assert.All(await page.Locator("[data-testid=portfolio-method]").AllInnerTextsAsync(), row => Assert.Matches(@"-?\d+\.\d\d\s", row));
        Assert.Contains("30 assets · 1997-01-02..", await page.Locator("[data-testid=portfolio-title]").InnerTextAsync());
        const string chart = "[data-testid=portfolio-equity-chart]";
        await page.WaitForSelectorAsync($"{chart} .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var legend = await page.Locator($"{chart} .legendtext").AllTextContentsAsync();
        foreach (var method in methods) Assert.Contains(legend, l => l.Contains(method.Trim(), StringComparison.Ordinal));
        await DashboardBrowser.ScreenshotAsync(page, "portfolios");
    }

    /// <summary>The job the page opened after queueing it (its address ends in its id), or the page's error as the failure.</summary>
    private static async Task<long> OpenedJobAsync(IPage page, string route, string errorTestId)
    {
        await page.WaitForFunctionAsync($"() => /^\\/{route}\\/\\d+$/.test(location.pathname) || document.querySelector('[data-testid={errorTestId}]')",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        if (await page.Locator($"[data-testid={errorTestId}]").CountAsync() > 0)
            Assert.Fail("the page refused the job: " + await page.Locator($"[data-testid={errorTestId}]").InnerTextAsync());
        return long.Parse(JobId().Match(new Uri(page.Url).AbsolutePath).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Picks <paramref name="item"/> from a MudSelect: open its list, click the item, wait for the select to show
    /// it (it shows the choice as text, not in an input; the job's request is checked through the API afterwards).</summary>
    private static async Task ChooseAsync(IPage page, string testId, string item)
    {
        var select = page.Locator($"[data-testid={testId}]").First;
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = item }).First.ClickAsync();
        await page.WaitForFunctionAsync("([selector, item]) => { const e = document.querySelector(selector); return (e.closest('.mud-select') ?? e).textContent.includes(item) && !document.querySelector('.mud-popover-open .mud-list-item'); }",
            new[] { $"[data-testid={testId}]", item });
    }

    /// <summary>Types a number into a MudNumericField; the value binds when the field loses focus, as a person tabbing on does.</summary>
    private static async Task SetNumberAsync(IPage page, string testId, int value)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var input = page.Locator(Field(testId)).First;
        await input.FillAsync(text);
        await input.PressAsync("Tab");
        await page.WaitForFunctionAsync("([selector, text]) => document.querySelector(selector)?.value === text", new[] { Field(testId), text });
    }

    /// <summary>MudBlazor puts a field's attributes on its input element; the selector also finds an input inside it.</summary>
    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [GeneratedRegex(@"\d+$")]
    private static partial Regex JobId();
}
