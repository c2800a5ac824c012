using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Project01.Tests;

namespace Project01.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download), signed in to the running dashboard the way a person
/// is: each test class opens one and keeps screenshots of what it saw under artifacts/screenshots.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static string Screenshots => Directory.CreateDirectory(Path.Combine(TestPaths.RepoRoot, "artifacts", "screenshots")).FullName;

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>Opens <paramref name="path"/> the way a person does: the dashboard sends them to sign in first, then back.</summary>
    public async Task<IPage> OpenAsync(AppHostFixture fixture, string path, int width = 1440, int height = 1000, string? password = null)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var url = new Uri(fixture.App.GetEndpoint("dashboard", "http"), path);
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=login-form]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.FillAsync("#username", "operator");
        await page.FillAsync("#password", password ?? fixture.Credential("dashboard-operator-password"));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal) || u.Contains("error=1", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
