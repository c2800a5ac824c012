using System.Net;
using Bunit;
using Project01.Contracts;
using Project01.Dashboard.Account;
using Project01.Dashboard.Components.Pages;

namespace Project01.Dashboard.Tests;

public sealed class TuningPageTests
{
    private static readonly DateTime At = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly TuningTrialDto[] Trials =
    [
        new(0, "complete", new Dictionary<string, string> { ["alpha"] = "0.5" }, 0.71, [0.7, 0.72], At, At),
        new(1, "pruned", new Dictionary<string, string> { ["alpha"] = "80" }, 0.95, [0.95], At, At),
        new(2, "complete", new Dictionary<string, string> { ["alpha"] = "0.0031" }, 0.6543, [0.65, 0.6586], At, At),
    ];

    private static readonly TuningJobDto Job = new(7, "succeeded", new TuningJobRequest("ridge", "vol5", 3, 2), "operator via dashboard", At, At, At.AddMinutes(1),
        "done", null, 12, "qlike", Trials, Trials[2], 0.612, 0.702);

    private static FakeApi Platform() => new FakeApi()
        .Json("/v1/tuning", new[] { Job with { Trials = [] } })
        .Json("/v1/tuning/7", Job);

    [Fact]
    public async Task ShowsTheTrialsAndTheBestWithItsTestLossNextToNaive()
    {
        await using var context = DashboardTestContext.Create(Platform());
        var page = context.Render<Tuning>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=tuning-trial]").Count));
        var best = page.Find("[data-testid=tuning-best]").TextContent;
        Assert.Contains("Best trial #2", best);
        Assert.Contains("0.6543", best);
        Assert.Contains("alpha=0.0031", best);
        Assert.Contains("naive 0.702", best);
        Assert.Contains("pruned", page.Find("[data-testid=tuning-trials-table]").TextContent);
        Assert.Contains("operator via dashboard", page.Find("[data-testid=tuning-jobs]").TextContent);
    }

    [Fact]
    public async Task SampledSettingsShowFiveSignificantDigitsAndWordsAsTheyAre()
    {
        var sampled = Trials[2] with { Parameters = new Dictionary<string, string> { ["alpha"] = "0.009807946267052777", ["objective"] = "regression", ["leaves"] = "63" } };
        var api = new FakeApi().Json("/v1/tuning", new[] { Job with { Trials = [] } }).Json("/v1/tuning/7", Job with { Trials = [sampled], Best = sampled });
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Tuning>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=tuning-trial]")));
        Assert.Contains("alpha=0.0098079, objective=regression, leaves=63", page.Find("[data-testid=tuning-best]").TextContent);
        Assert.Contains("alpha=0.0098079, objective=regression, leaves=63", page.Find("[data-testid=tuning-trial]").TextContent);
        Assert.DoesNotContain("0.00980794", page.Markup);
    }

    [Fact]
    public async Task StartingASearchPostsItOnBehalfOfTheOperator()
    {
        var api = Platform().Json("/v1/tuning", Job with { Id = 8, State = "queued", Trials = [], Best = null }, HttpStatusCode.OK, HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Tuning>();
        page.WaitForAssertion(() => page.Find("[data-testid=tuning-trials-table]"));
        await page.Find("[data-testid=tuning-start]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post && r.Path == "/v1/tuning"));
        var post = api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal("tester", post.OnBehalfOf);
        Assert.Contains("\"model\":\"lightgbm\"", post.Body);
        Assert.Contains("\"trials\":20", post.Body);
    }

    [Fact]
    public async Task ARefusedSearchShowsTheServicesMessage()
    {
        var api = Platform().Problem("/v1/tuning", HttpStatusCode.BadRequest, "trials must be between 1 and 500, not 0", HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Tuning>();
        page.WaitForAssertion(() => page.Find("[data-testid=tuning-trials-table]"));
        await page.Find("[data-testid=tuning-start]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("trials must be between 1 and 500", page.Find("[data-testid=tuning-error]").TextContent));
    }

    [Fact]
    public async Task AViewerCannotStartASearch()
    {
        await using var context = DashboardTestContext.Create(Platform(), DashboardRoles.Viewer);
        var page = context.Render<Tuning>();
        page.WaitForAssertion(() => page.Find("[data-testid=tuning-trials-table]"));
        Assert.True(page.Find("[data-testid=tuning-start]").HasAttribute("disabled"));
    }
}

public sealed class PortfoliosPageTests
{
    private static readonly DateTime At = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime[] Dates = [new(1997, 1, 2), new(1997, 1, 3), new(1997, 1, 6)];

    private static PortfolioMethodDto Method(string name, double sharpe, double turnover) =>
        new(name, 0.021, 0.19, 0.151, sharpe, 1.9, 0.087, 2.2, turnover, 0.001, 1, 0, new Dictionary<string, double> { ["AA"] = 0.5, ["IBM"] = 0.5 }, [1.0, 1.01, 1.021]);

    private static readonly PortfolioJobDto Job = new(3, "succeeded", new PortfolioJobRequest(PpoIterations: 2), "integration-tests", At, At, At, "done", null,
        new PortfolioComparisonDto("dow30", 2, Dates[0], Dates[^1], 3, 252, 10, "monthly", Dates,
            [Method("ew-buy-hold", 1.23, 0.25), Method("rp", 1.31, 1.4), Method("ppo", 0.87, 3.2)]));

    [Fact]
    public async Task ShowsTheMethodsSideBySideWithTheirEquityCurves()
    {
        await using var context = DashboardTestContext.Create(new FakeApi().Json("/v1/portfolios", new[] { Job }).Json("/v1/portfolios/3", Job));
        var page = context.Render<Portfolios>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=portfolio-method]").Count));
        var rows = page.FindAll("[data-testid=portfolio-method]").Select(r => r.TextContent).ToList();
        Assert.Contains("ew-buy-hold", rows[0]);
        Assert.Contains("1.23", rows[0]);
        Assert.Contains("ppo", rows[2]);
        Assert.Contains("320 %", rows[2]); // turnover per year
        Assert.Contains("8.7 %", rows[2]); // max drawdown
        page.Find("[data-testid=portfolio-equity-chart]");
    }

    [Fact]
    public async Task RunningAComparisonPostsItOnBehalfOfTheOperator()
    {
        var api = new FakeApi().Json("/v1/portfolios", Array.Empty<PortfolioJobDto>())
            .Json("/v1/portfolios", Job with { Id = 4, State = "queued", Result = null }, HttpStatusCode.OK, HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Portfolios>();
        page.WaitForAssertion(() => Assert.Contains("No portfolio comparison", page.Find("[data-testid=empty-state]").TextContent));
        await page.Find("[data-testid=portfolio-run]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post && r.Path == "/v1/portfolios"));
        var post = api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal("tester", post.OnBehalfOf);
        Assert.Contains("\"testStart\":\"1997-01-01\"", post.Body);
    }
}
