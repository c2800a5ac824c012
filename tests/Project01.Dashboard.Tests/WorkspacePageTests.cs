using Project01.Dashboard.Account;
using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Project01.Contracts;
using Project01.Dashboard.Components.Models;
using Project01.Dashboard.Components.Pages;

namespace Project01.Dashboard.Tests;

public sealed class BacktestsPageTests
{
    [Fact]
    public async Task ShowsRunsMetricsEquityAndMonthlyReturns()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Backtests>();
        page.WaitForAssertion(() => Assert.Contains("bt-0123456789abcdef", page.Find("[data-testid=backtest-table]").TextContent));
        Assert.Contains("longflat:0", page.Find("[data-testid=run-title]").TextContent);
        var metrics = page.Find("[data-testid=metrics-table]").TextContent;
        Assert.Contains("0.84", metrics);
        Assert.Contains("12.0", metrics); // max drawdown in percent
        Assert.NotNull(page.Find("[data-testid=equity-chart]"));
        Assert.NotNull(page.Find("[data-testid=monthly-heatmap]"));
    }

    [Fact]
    public async Task NoRunsYetIsAnEmptyStateWithTheLaunchForm()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform().Json("/v1/backtests", Array.Empty<object>()));
        var page = context.Render<Backtests>();
        page.WaitForAssertion(() => Assert.Contains("No backtest has been run yet", page.Find("[data-testid=empty-state]").TextContent));
        Assert.NotNull(page.Find("[data-testid=launch-form]"));
    }

    [Fact]
    public async Task LaunchingPostsTheParametersAndOpensTheRun()
    {
        var api = SampleData.HealthyPlatform().Json("/v1/backtests", SampleData.Backtest, method: HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Backtests>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=launch-run]").HasAttribute("disabled")));
        page.Find("[data-testid=launch-run]").Click();
        page.WaitForAssertion(() => Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post && r.Path == "/v1/backtests"));
        var body = api.Requests.Single(r => r.Method == HttpMethod.Post).Body!;
        Assert.Contains("\"model\":\"ret1-lightgbm\"", body);
        Assert.Contains("\"version\":3", body);
        Assert.Contains("\"strategy\":\"longflat\"", body);
        Assert.Contains("\"costBps\":5", body);
        page.WaitForAssertion(() => Assert.EndsWith("/backtests/bt-0123456789abcdef", context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
    }

    [Fact]
    public async Task ARefusedLaunchShowsTheServicesReason()
    {
        var api = SampleData.HealthyPlatform()
            .Problem("/v1/backtests", HttpStatusCode.BadRequest, "'bogus' is not a strategy (topk:K:NDROP, longshort:Q, longflat or longflat:THRESHOLD)", HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Backtests>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=launch-run]").HasAttribute("disabled")));
        page.Find("[data-testid=launch-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("is not a strategy", page.Find("[data-testid=launch-error]").TextContent));
    }
}

public sealed class DriftPageTests
{
    [Fact]
    public async Task ShowsAlertsHeatmapSeriesAndQualityIssues()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Drift>(p => p.Add(d => d.Model, "ret1-lightgbm"));
        page.WaitForAssertion(() => Assert.Contains("1 of 2", page.Find("[data-testid=drift-alerts]").TextContent));
        Assert.NotNull(page.Find("[data-testid=drift-heatmap]"));
        Assert.NotNull(page.Find("[data-testid=drift-series]")); // opens on the alerting feature
        var table = page.Find("[data-testid=drift-table]").TextContent;
        Assert.Contains("rv20", table);
        Assert.Contains("6.900", table);
        Assert.Contains("30 symbols", page.Find("[data-testid=quality-table]").TextContent);
        Assert.Contains("2011-07-13", page.Markup);
        Assert.NotNull(page.Find("[data-testid=performance-chart]"));
    }

    [Fact]
    public async Task ShowsRealisedCoverageByMonthNextToNominalAndMarksMonthsOutsideTwoPoints()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Drift>(p => p.Add(d => d.Model, "ret1-lightgbm"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=coverage-table]")));
        var summary = page.Find("[data-testid=coverage-summary]").TextContent;
        Assert.Contains("80 % intervals: 63.4 % realised over 41 outcomes", summary);
        Assert.Contains("90 % intervals: 80.5 %", summary);
        var rows = page.FindAll("[data-testid=coverage-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("2020-02", rows[0].TextContent);
        Assert.Contains("79 %", rows[0].TextContent);
        Assert.Empty(rows[0].QuerySelectorAll("[data-testid=coverage-outside]"));
        // March: both levels outside ±2 points, both marked.
        Assert.Equal(["50 %", "73 %"], rows[1].QuerySelectorAll("[data-testid=coverage-outside]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task ShowsRealisedPerformanceDecayAgainstTheNaiveForecast()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Drift>(p => p.Add(d => d.Model, "ret1-lightgbm"));
        page.WaitForAssertion(() => Assert.Contains("the naive forecast beats v3", page.Find("[data-testid=decay]").TextContent));
        var decay = page.Find("[data-testid=decay]");
        Assert.Contains("DM p=0.0123 (126 days)", decay.TextContent);
        Assert.Contains("the drift monitor queues a retrain", decay.TextContent);
        Assert.Contains("mud-alert-text-warning", decay.ClassName);
    }

    [Fact]
    public async Task AModelThatHoldsUpSaysSo()
    {
        var api = SampleData.HealthyPlatform().Json("/v1/monitoring/decay/ret1-lightgbm", SampleData.Decay with
        {
            Decayed = false, ModelLoss = 0.000180, PValue = 0.41,
            Summary = "v3 holds up against the naive forecast: squared_error 0.00018 vs naive 0.000188 on 2019-10-18..2020-04-17, DM p=0.4100 (126 days)",
        });
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Drift>(p => p.Add(d => d.Model, "ret1-lightgbm"));
        page.WaitForAssertion(() => Assert.Contains("v3 holds up", page.Find("[data-testid=decay]").TextContent));
        Assert.DoesNotContain("retrain", page.Find("[data-testid=decay]").TextContent);
        Assert.Contains("mud-alert-text-success", page.Find("[data-testid=decay]").ClassName);
    }

    [Fact]
    public async Task AVersionTrainedBeforeBoundsWereStoredSaysCoverageIsNotAvailable()
    {
        var api = SampleData.HealthyPlatform().Json("/v1/monitoring/coverage/ret1-lightgbm", SampleData.Coverage with
        {
            Available = false,
            Levels = [new(0.8, 0, null, []), new(0.9, 0, null, [])],
        });
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Drift>(p => p.Add(d => d.Model, "ret1-lightgbm"));
        page.WaitForAssertion(() => Assert.Contains("Not available: v3 was trained before", page.Find("[data-testid=coverage-none]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=coverage-table]"));
    }

    [Fact]
    public async Task AModelNotCheckedYetSaysSoAndCheckNowRunsIt()
    {
        var api = SampleData.HealthyPlatform()
            .Problem("/v1/monitoring/drift/ret1-lightgbm", HttpStatusCode.NotFound, "ret1-lightgbm has not been checked for drift yet")
            .Json("/v1/monitoring/drift/ret1-lightgbm", SampleData.Drift with { Quality = [] }, method: HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Drift>(p => p.Add(d => d.Model, "ret1-lightgbm"));
        page.WaitForAssertion(() => Assert.Contains("has not been checked yet", page.Find("[data-testid=empty-state]").TextContent));
        Assert.Empty(page.FindAll(".mud-alert-text-error"));
        page.Find("[data-testid=drift-check]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=drift-heatmap]")));
        Assert.NotNull(page.Find("[data-testid=quality-none]"));
        Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post && r.Path == "/v1/monitoring/drift/ret1-lightgbm");
    }

    [Fact]
    public async Task AnUnreachableTrainingServiceIsAMessage()
    {
        await using var context = DashboardTestContext.Create(new FakeApi().Unreachable("/v1/"));
        var page = context.Render<Drift>();
        page.WaitForAssertion(() => Assert.Contains("model registry: service unreachable", page.Markup));
        Assert.Contains("No model is registered yet", page.Find("[data-testid=empty-state]").TextContent);
    }
}

public sealed class FeatureStorePageTests
{
    [Fact]
    public async Task BrowsesViewsWithFreshnessAndLooksUpOnlineValues()
    {
        var api = SampleData.HealthyPlatform();
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<FeatureStore>();
        page.WaitForAssertion(() => Assert.Contains("price", page.Find("[data-testid=view-list]").TextContent));
        Assert.Contains("1 entity · 5,105 rows · to 2020-04-17", page.Find("[data-testid=freshness]").TextContent);
        Assert.Contains("TTL 4 d", page.Markup);

        page.Find("[data-testid=online-symbols] input, input[data-testid=online-symbols]").Change("SPX, NOPE");
        page.Find("[data-testid=online-fetch]").Click();
        page.WaitForAssertion(() => Assert.Contains("61.25", page.Find("[data-testid=online-table]").TextContent));
        Assert.Contains("Not in the online store: NOPE", page.Markup);
        Assert.Contains(api.Requests, r => r.Path.StartsWith("/v1/features/online?symbols=SPX%2CNOPE&view=price_v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALookupProblemIsShownNextToTheForm()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Problem("/v1/features/online", HttpStatusCode.BadRequest, "'$$$' is not a valid symbol"));
        var page = context.Render<FeatureStore>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=online-fetch]")));
        page.Find("[data-testid=online-fetch]").Click();
        page.WaitForAssertion(() => Assert.Contains("is not a valid symbol", page.Find("[data-testid=online-error]").TextContent));
    }

    [Fact]
    public async Task NoViewsYetIsAnEmptyState()
    {
        await using var context = DashboardTestContext.Create(new FakeApi()
            .Json("/v1/features/registry", Array.Empty<object>()).Json("/v1/features/watermarks", Array.Empty<object>()));
        var page = context.Render<FeatureStore>();
        page.WaitForAssertion(() => Assert.Contains("No feature view is registered yet", page.Find("[data-testid=empty-state]").TextContent));
    }
}

public sealed class ModelsWorkspaceTests
{
    private static FakeApi Platform() => SampleData.HealthyPlatform()
        .Json("/v1/registry/models", new[] { SampleData.Challenger, SampleData.Champion });

    [Fact]
    public async Task ShowsImportancesAndComparesTwoVersions()
    {
        await using var context = DashboardTestContext.Create(Platform());
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=compare-table]")));
        Assert.NotNull(page.Find("[data-testid=importance-chart]"));
        var compare = page.Find("[data-testid=compare-table]").TextContent;
        Assert.Contains("ret1-lightgbm v3", compare);
        Assert.Contains("ret1-lightgbm v4", compare);
        Assert.Contains("0.0109", compare); // test IC 0.0412 − 0.0303
        Assert.Contains("differs", compare); // different datasets
        Assert.Contains("leaves=15", page.Find("[data-testid=version-detail]").TextContent);
    }

    [Fact]
    public async Task PromotingAsksForAReasonAndPostsIt()
    {
        var api = Platform().Json("/v1/registry/models/ret1-lightgbm/aliases/champion",
            new AliasEventDto("ret1-lightgbm", "champion", 4, 3, DateTime.UtcNow, "dashboard", "higher IC"), method: HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=promote-ret1-lightgbm-v4]")));
        page.Find("[data-testid=promote-ret1-lightgbm-v4]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Promote ret1-lightgbm v4 to champion?", dialogs.Markup));
        Assert.True(dialogs.Find("[data-testid=alias-confirm]").HasAttribute("disabled")); // no reason, no move
        dialogs.Find("[data-testid=alias-reason] input, input[data-testid=alias-reason]").Input("higher IC");
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=alias-confirm]").HasAttribute("disabled")));
        dialogs.Find("[data-testid=alias-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post));
        var post = api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal("/v1/registry/models/ret1-lightgbm/aliases/champion", post.Path);
        Assert.Contains("\"version\":4", post.Body);
        Assert.Contains("\"reason\":\"higher IC\"", post.Body);
        Assert.Equal("tester", post.OnBehalfOf); // the service records the signed-in person, through the dashboard's key
    }

    [Fact]
    public async Task AViewerSeesTheActionsDisabledAndNothingIsSent()
    {
        var api = Platform();
        await using var context = DashboardTestContext.Create(api, DashboardRoles.Viewer);
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=promote-ret1-lightgbm-v4]")));

        var promote = page.Find("[data-testid=promote-ret1-lightgbm-v4]");
        Assert.True(promote.HasAttribute("disabled"));
        Assert.Equal(Project01.Dashboard.Account.OperatorAccess.ViewerHint, promote.GetAttribute("title"));
        Assert.True(page.Find("[data-testid=train-queue]").HasAttribute("disabled"));
        Assert.DoesNotContain(api.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task CancellingTheDialogMovesNothing()
    {
        var api = Platform();
        await using var context = DashboardTestContext.Create(api);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=promote-ret1-lightgbm-v4]")));
        page.Find("[data-testid=promote-ret1-lightgbm-v4]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=alias-confirm]")));
        dialogs.FindAll("button").First(b => b.TextContent.Contains("Cancel", StringComparison.Ordinal)).Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=alias-confirm]")));
        Assert.DoesNotContain(api.Requests, r => r.Method == HttpMethod.Post);
    }
}

public sealed class OverviewWorkspaceTests
{
    [Fact]
    public async Task ShowsConsumerLagAndDriftAlerts()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Overview>();
        page.WaitForAssertion(() => Assert.Contains("lake-writer", page.Find("[data-testid=stage-lag]").TextContent));
        var lag = page.Find("[data-testid=stage-lag]").TextContent;
        Assert.Contains("features", lag);
        Assert.Contains("2", lag);
        var drift = page.Find("[data-testid=stage-drift]").TextContent;
        Assert.Contains("ret1-lightgbm v3", drift);
        Assert.Contains("rv20", drift);
        Assert.Contains("1 data-quality issue(s)", drift);
        Assert.Contains("live · refreshed", page.Find("[data-testid=live-indicator]").TextContent);
        Assert.Contains("inference: Healthy", page.Find("[data-testid=service-health]").TextContent);
    }

    [Fact]
    public async Task AnUnhealthyServiceIsShownWithItsStatus()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Json("/health", new ServiceHealthDto("Unhealthy", 5000, [new HealthCheckDto("kafka", "Unhealthy", "broker down")]), HttpStatusCode.ServiceUnavailable));
        var page = context.Render<Overview>();
        page.WaitForAssertion(() => Assert.Contains("ingest: Unhealthy", page.Find("[data-testid=service-health]").TextContent));
    }
}

public sealed class MarketsWorkspaceTests
{
    [Fact]
    public async Task ChartsAndLiveIndicatorAreThere()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=price-chart]")));
        Assert.NotNull(page.Find("[data-testid=predictions-chart]"));
        Assert.Contains("live", page.Find("[data-testid=live-indicator]").TextContent);
        // 0.0412 over 5 days; × √(252/5) ≈ 29 % a year.
        var vol = page.Find("[data-testid=vol-forecast]").TextContent;
        Assert.Contains("4.12", vol);
        Assert.Contains("29", vol);
        Assert.Contains("vol5-har v1", vol);
    }

    [Fact]
    public async Task NoVolatilityModelIsACaptionNotAnError()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Problem("/v1/forecast/SPX?target=vol5", HttpStatusCode.ServiceUnavailable, "no model is being served for target 'vol5' yet"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.Contains("no model is being served for target 'vol5' yet", page.Find("[data-testid=vol-forecast]").TextContent));
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task ANewBarRedrawsThePageWhileLive()
    {
        var newer = new BarDto(new DateTime(2020, 4, 20, 0, 0, 0, DateTimeKind.Utc), 2845.62, 2868.98, 2820.43, 2823.16, 5220160000);
        var api = SampleData.HealthyPlatform();
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.Contains("2,874.56", page.Markup));
        // The ingest service lands a bar: the poll sees it and the page reloads.
        api.Json("/v1/bars/SPX", new BarsResponse("SPX", [.. SampleData.Bars, newer]));
        page.WaitForAssertion(() => Assert.Contains("1 update(s)", page.Find("[data-testid=live-indicator]").TextContent), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Contains("2,823.16", page.Markup));
    }

    [Fact]
    public async Task PausedPagesDoNotPoll()
    {
        var api = SampleData.HealthyPlatform();
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=live-switch] input, input[data-testid=live-switch]")));
        page.Find("[data-testid=live-switch] input, input[data-testid=live-switch]").Change(false);
        page.WaitForAssertion(() => Assert.Contains("paused", page.Find("[data-testid=live-indicator]").TextContent));
        var before = api.Requests.Count(r => r.Path == "/v1/bars/SPX?last=1");
        await Task.Delay(2_500);
        Assert.Equal(before, api.Requests.Count(r => r.Path == "/v1/bars/SPX?last=1"));
    }
}

public sealed class TrainingPanelTests
{
    private static TrainingJobDto Job(string state, int? version = null) =>
        new(9, "vol5-har", "vol5", state, DateTime.UtcNow, null, null, "HAR for the vol desk", version, null);

    [Fact]
    public async Task QueueingPostsTheChoiceAndFollowsTheJobUntilItFinishes()
    {
        var api = SampleData.HealthyPlatform()
            .Json("/v1/training/jobs", Job("queued"), HttpStatusCode.Accepted, HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=train-queue]")));
        page.Find("[data-testid=train-reason] input, input[data-testid=train-reason]").Change("HAR for the vol desk");
        page.Find("[data-testid=train-queue]").Click();

        page.WaitForAssertion(() => Assert.Contains("#9", page.Find("[data-testid=job-table]").TextContent));
        var post = api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Contains("\"target\":\"ret1\"", post.Body);
        Assert.Contains("\"algorithm\":\"lightgbm\"", post.Body);
        Assert.Contains("\"reason\":\"HAR for the vol desk\"", post.Body);

        // The worker finishes the job: the panel's poll sees it and the page reloads the registry.
        var registryReads = api.Requests.Count(r => r.Path.StartsWith("/v1/registry/models", StringComparison.Ordinal) && r.Method == HttpMethod.Get);
        api.Json("/v1/training/jobs", new[] { Job("succeeded", 2) }, method: HttpMethod.Get);
        page.WaitForAssertion(() => Assert.Contains("succeeded", page.Find("[data-testid=job-table]").TextContent), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.True(
            api.Requests.Count(r => r.Path.StartsWith("/v1/registry/models", StringComparison.Ordinal) && r.Method == HttpMethod.Get) > registryReads));
    }

    [Fact]
    public async Task ARefusedRunShowsWhy()
    {
        var api = SampleData.HealthyPlatform()
            .Problem("/v1/training/jobs", HttpStatusCode.Conflict, "a job for ret1-lightgbm is already queued", HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=train-queue]")));
        page.Find("[data-testid=train-queue]").Click();
        page.WaitForAssertion(() => Assert.Contains("already queued", page.Find("[data-testid=train-error]").TextContent));
    }
}

public sealed class PipelinesPageTests
{
    private static readonly DateTime Start = new(2026, 12, 3, 2, 0, 0, DateTimeKind.Utc);

    private static readonly PipelineRunDto FailedRun = new(12, "retrain", "schedule", "schedule", "failed", Start, Start.AddMinutes(3),
    [
        new("ingest", "succeeded", 1, Start, Start.AddSeconds(2), null, "ticks fully consumed by lake-writer, features (5,105 records)", null),
        new("features", "succeeded", 2, Start.AddSeconds(2), Start.AddSeconds(15), null, "price_v1: 31 symbols", null),
        new("drift", "failed", 3, Start.AddSeconds(15), Start.AddMinutes(3), null, null, "NpgsqlException: connection refused"),
        new("retrain", "skipped", 0, null, Start.AddMinutes(3), null, null, "skipped: drift failed"),
    ],
    [new PipelineAlertDto(4, 12, "retrain", "drift", "failed", "drift failed after 3 attempt(s): NpgsqlException: connection refused", Start.AddMinutes(3))]);

    private static FakeApi Api() => SampleData.HealthyPlatform()
        .Json("/v1/pipelines", new[]
        {
            new PipelineDto("retrain", "0 0 2 * * ?", new DateTimeOffset(Start.AddDays(1)),
                [new("ingest", [], 6, 10, 60, 900), new("features", ["ingest"], 6, 10, 60, 1800), new("drift", ["features"], 3, 30, 600, 2700), new("retrain", ["drift"], 2, 60, 7200, 10800)],
                FailedRun),
        })
        .Json("/v1/pipelines/runs?limit=30", new[] { FailedRun });

    [Fact]
    public async Task ShowsTheScheduleRunsStepTimelineErrorsAndAlerts()
    {
        await using var context = DashboardTestContext.Create(Api());
        var page = context.Render<Pipelines>();
        page.WaitForAssertion(() => Assert.Contains("#12", page.Find("[data-testid=run-table]").TextContent));
        Assert.Equal("ingest → features → drift → retrain", page.Find("[data-testid=pipeline-steps]").TextContent);
        Assert.Contains("cron 0 0 2 * * ?", page.Find("[data-testid=pipeline-card]").TextContent);
        var steps = page.Find("[data-testid=step-table]").TextContent;
        Assert.Contains("NpgsqlException: connection refused", steps);
        Assert.Contains("price_v1: 31 symbols", steps);
        Assert.Contains("skipped", steps);
        Assert.Contains("drift failed after 3 attempt(s)", page.Find("[data-testid=run-alert]").TextContent);
    }

    [Fact]
    public async Task RunNowStartsARunAsTheSignedInOperatorAndOpensIt()
    {
        var api = Api().Json("/v1/pipelines/retrain/runs", FailedRun with { Id = 13, State = "running", FinishedAt = null }, method: HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Pipelines>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=pipeline-start]")));
        page.Find("[data-testid=pipeline-start]").Click();
        page.WaitForAssertion(() => Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post && r.Path == "/v1/pipelines/retrain/runs"));
        page.WaitForAssertion(() => Assert.EndsWith("/pipelines/13", context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
    }
}
