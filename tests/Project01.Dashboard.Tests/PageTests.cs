using Microsoft.Extensions.DependencyInjection;
using Project01.Contracts;
using System.Net;
using Bunit;
using Project01.Dashboard.Components.Charts;
using Project01.Dashboard.Components.Pages;

namespace Project01.Dashboard.Tests;

public sealed class MarketsPageTests
{
    [Fact]
    public async Task ShowsTheForecastWithItsIntervalAndModel()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Equal("-27.8 bp", page.Find("[data-testid=forecast-value]").TextContent.Trim()));
        Assert.Contains("80 % interval [-123.0, 73.0] bp", page.Markup.Replace("&#xA0;", " ", StringComparison.Ordinal));
        Assert.Contains("ret1-lightgbm v3", page.Markup);
        Assert.Contains("2,874.56", page.Markup);
        Assert.Contains("IC 0.030", page.Markup);
        Assert.NotNull(page.Find("[data-testid=price-chart]"));
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task AnUnreachableServiceIsAMessageNotABlankPage()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform().Unreachable("/v1/forecast"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Contains("forecast for SPX: service unreachable", page.Find(".mud-alert").TextContent));
        Assert.Contains("not available yet", page.Find("[data-testid=forecast-card]").TextContent);
        Assert.NotNull(page.Find("[data-testid=price-chart]")); // the candles still show
    }

    [Fact]
    public async Task AnOpenCircuitBreakerIsAMessageNotABrokenPage()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform().CircuitOpen("/v1/forecast"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Contains("forecast for SPX: service unavailable after repeated failures", page.Find(".mud-alert").TextContent));
        Assert.NotNull(page.Find("[data-testid=price-chart]"));
    }

    [Fact]
    public async Task AModelThatIsNotReadyYetShowsTheServicesReason()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Problem("/v1/forecast/SPX", HttpStatusCode.ServiceUnavailable, "no model is being served for target 'ret1' yet"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.Contains("no model is being served for target 'ret1' yet", page.Markup));
    }

    [Fact]
    public async Task TheForecastIsExplainedByAWaterfallBesideIt()
    {
        var api = SampleData.HealthyPlatform();
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=explanation-waterfall]")));
        Assert.Contains(api.Requests, r => r.Path == "/v1/forecast/SPX?target=ret1&explain=true");
        Assert.Equal("tree shap · base 3.1 bp, largest logret -21.2 bp", page.Find("[data-testid=explanation-summary]").TextContent.Trim());
        Assert.Equal("-27.8 bp", page.Find("[data-testid=forecast-value]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=explanation-problem]"));
    }

    [Fact]
    public async Task AModelThatCannotExplainItselfStillForecastsAndSaysWhy()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Problem("/v1/forecast/SPX?target=ret1&explain=true", HttpStatusCode.Conflict, "ret1-lightgbm v3 cannot explain its forecasts: retrain it"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Equal("-27.8 bp", page.Find("[data-testid=forecast-value]").TextContent.Trim()));
        Assert.Contains("cannot explain its forecasts: retrain it", page.Find("[data-testid=explanation-problem]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=explanation-waterfall]"));
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public void TheWaterfallGoesFromTheBaseValueThroughTheLargestInputsToTheForecast()
    {
        var explanation = SampleData.ExplainedForecast.Explanation!;
        var steps = ExplanationWaterfall.Steps(explanation, SampleData.ExplainedForecast.Value, maxInputs: 2);

        Assert.Equal(["base value", "logret = 0.0265", "rsi14 = 61.25", "1 other inputs", "forecast"], steps.Select(s => s.Label));
        Assert.Equal(["absolute", "relative", "relative", "relative", "total"], steps.Select(s => s.Measure));
        Assert.Equal([3.1, -21.2, -6.1, -3.6, -27.8], steps.Select(s => Math.Round(s.Bp, 6)));
        // The bars add up: base + contributions = the forecast.
        Assert.Equal(steps[^1].Bp, steps.Take(steps.Count - 1).Sum(s => s.Bp), 9);
    }

    [Fact]
    public async Task ASymbolWithNoBarsShowsTheEmptyState()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Problem("/v1/bars/SPX", HttpStatusCode.NotFound, "the lake holds no bars for 'SPX'"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.Contains("No bars for SPX yet", page.Find("[data-testid=empty-state]").TextContent));
    }
}

public sealed class MarketsRiskAndSearchTests
{
    [Fact]
    public async Task TheRiskPanelShowsVarEsAndWhetherTheBacktestHolds()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Contains("next-day volatility 3.01 %", page.Find("[data-testid=risk-panel]").TextContent));
        Assert.Contains("GJR-GARCH(1,1)", page.Find("[data-testid=risk-panel]").TextContent);
        Assert.Contains("γ 0.210", page.Find("[data-testid=risk-panel]").TextContent);
        var rows = page.FindAll("[data-testid=risk-figures] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        // A log loss of 0.0512 is a fall of 1 − e^−0.0512 = 4.99 %.
        Assert.Equal("1 day|95 %|4.99 %|6.67 %", rows[0]);
        Assert.Equal("10 days|99 %|19.85 %|23.28 %", rows[3]);
        var verdicts = page.FindAll("[data-testid=risk-backtest]").Select(v => v.TextContent).ToList();
        Assert.Contains("rejected", verdicts[0]); // clustered exceptions: independence p 0.019
        Assert.Contains("22 exceptions vs 25.0 expected", verdicts[0]);
        Assert.Contains("holds", verdicts[1]);
    }

    [Fact]
    public async Task WithoutARiskEstimateThePanelSaysWhyAndThePageStays()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Problem("/v1/risk/SPX", HttpStatusCode.UnprocessableEntity, "SPX has 200 daily closes; the risk model and its backtest need 601"));
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Contains("SPX has 200 daily closes", page.Find("[data-testid=risk-panel]").TextContent));
        Assert.Empty(page.FindAll(".mud-alert"));
        Assert.NotNull(page.Find("[data-testid=price-chart]"));
    }

    [Fact]
    public async Task AnIntradaySeriesShowsItsBarsAndTheNextBarsForecastWithoutDailyPanels()
    {
        var minutes = Enumerable.Range(0, 40).Select(i => new BarDto(new DateTime(2020, 1, 2, 14, 35, 0, DateTimeKind.Utc).AddMinutes(5 * i), 100 + i, 101 + i, 99 + i, 100.5 + i, 1000)).ToArray();
        var forecast = new ForecastDto("SPX", "ret1", 0.0004, -0.001, 0.0018, 0.8, minutes[^1].Time, minutes[^1].Time.AddMinutes(5), "ret1-lightgbm-5m", 1, "CPU");
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform()
            .Json("/v1/symbols", new[] { new SymbolDto("SPX", 5105, SampleData.Bars[0].Time, SampleData.Bars[^1].Time, DateTime.UtcNow), new SymbolDto("SPX", 40, minutes[0].Time, minutes[^1].Time, DateTime.UtcNow, "5m") })
            .Json("/v1/bars/SPX?last=390&interval=5m", new BarsResponse("SPX", minutes))
            .Json("/v1/forecast/SPX?target=ret1&explain=true&interval=5m", forecast));
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/markets/SPX?interval=5m");
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Equal("+4.0 bp", page.Find("[data-testid=forecast-value]").TextContent.Trim()));
        var text = WebUtility.HtmlDecode(page.Markup);
        Assert.Contains("Forecast next 5m bar's log return · 2020-01-02 17:55 UTC", text);
        Assert.Contains("Last close · 2020-01-02 17:50 UTC", text);
        Assert.Contains("ret1-lightgbm-5m v1", text);
        Assert.Empty(page.FindAll("[data-testid=risk-panel]")); // risk is estimated from daily closes
        Assert.Contains(">1D<", page.Markup.Replace(" ", "")); // zoom in sessions, not years
    }

    [Fact]
    public async Task RawPricesAreAskedForAndTheIndicatorsStepAside()
    {
        var api = SampleData.HealthyPlatform();
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=price-chart]")));

        page.Find("[data-testid=raw-switch] input, input[data-testid=raw-switch]").Change(true);

        page.WaitForAssertion(() => Assert.Contains("Raw prices as traded", page.Find("[data-testid=raw-caption]").TextContent));
        lock (api.Requests) Assert.Contains(api.Requests, r => r.Path.StartsWith("/v1/bars/SPX?", StringComparison.Ordinal) && r.Path.EndsWith("&prices=raw", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSymbolSearchScalesToAUniverse()
    {
        var universe = Enumerable.Range(0, 500).Select(i => $"S{i:D3}").Append("AAPL").Append("MAA").Append("BAAX").ToList();
        Assert.Equal(["AAPL", "BAAX", "MAA"], Project01.Dashboard.Components.Markets.SymbolSearch.Find(universe, "aa"));
        Assert.Equal(["S499"], Project01.Dashboard.Components.Markets.SymbolSearch.Find(universe, " s499 "));
        Assert.Equal(503, Project01.Dashboard.Components.Markets.SymbolSearch.Find(universe, "").Count());
    }
}

public sealed class OverviewPageTests
{
    [Fact]
    public async Task ShowsEveryStage()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Overview>();
        page.WaitForAssertion(() => Assert.Contains("5,105 records written, lake v1", page.Find("[data-testid=stage-ingest]").TextContent));
        Assert.Contains("2 dead-lettered", page.Find("[data-testid=stage-ingest]").TextContent);
        Assert.Contains("price_v1: 1 entity · 5,105 rows · to 2020-04-17", page.Find("[data-testid=stage-features]").TextContent);
        Assert.Contains("succeeded", page.Find("[data-testid=stage-training]").TextContent);
        Assert.Contains("ret1-lightgbm v3 (champion) on CPU", page.Find("[data-testid=stage-inference]").TextContent);
    }

    [Fact]
    public async Task EachStageReportsItsOwnOutage()
    {
        await using var context = DashboardTestContext.Create(new FakeApi().Unreachable("/v1/"));
        var page = context.Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll(".mud-alert-filled-error, .mud-alert-text-error, .mud-alert").Count));
        Assert.Contains("lake writer status: service unreachable", page.Markup);
        Assert.Contains("served models: service unreachable", page.Markup);
        Assert.Contains("consumer lag: service unreachable", page.Markup);
        Assert.Contains("drift reports: service unreachable", page.Markup);
    }
}

public sealed class ModelsPageTests
{
    [Fact]
    public async Task ListsVersionsAndAliasHistory()
    {
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.Contains("v3", page.Find("[data-testid=model-table]").TextContent));
        Assert.Contains("champion", page.Find("[data-testid=model-table]").TextContent);
        Assert.Contains("0.0303", page.Markup);
        Assert.Contains("(was v2) by alice", page.Markup);
        Assert.Contains("better test IC", page.Markup);
    }

    [Fact]
    public async Task AnEmptyRegistrySaysWhy()
    {
        await using var context = DashboardTestContext.Create(new FakeApi().Json("/v1/registry/models", Array.Empty<object>()));
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.Contains("No model is registered yet", page.Find("[data-testid=empty-state]").TextContent));
    }
}

public sealed class NewsPageTests
{
    private static readonly DateTime Day = new(1987, 3, 2, 14, 5, 0, DateTimeKind.Utc);

    private static FakeApi Platform() => new FakeApi()
        .Json("/v1/sentiment/symbols", new[] { new SentimentSummaryDto("XOM", 2, 0.25, Day, Day.AddDays(1)), new SentimentSummaryDto("IBM", 1, -0.4, Day, Day) })
        .Json("/v1/sentiment/texts", new[]
        {
            new ScoredTextDto("n2", "news", Day.AddDays(1), "XOM", 0.6, "positive", "lexicon:afinn-financialmarketnews", "crude", 0.93, "EXXON RAISES OUTPUT"),
            new ScoredTextDto("n1", "news", Day, "XOM", -0.1, "negative", "lexicon:afinn-financialmarketnews", "acq", 0.71, "EXXON BID QUESTIONED"),
        })
        .Json("/v1/features/history/XOM?view=sentiment", new FeatureHistoryResponse("XOM", "sentiment_v1", ["sent_mean_1d", "sent_count_1d"],
            [new FeatureRowDto(Day.Date.AddDays(1), new Dictionary<string, double?> { ["sent_mean_1d"] = -0.1, ["sent_count_1d"] = 1, ["sent_surprise"] = null })]));

    [Fact]
    public async Task ShowsScoredTextsWithToneTopicAndScorer()
    {
        await using var context = DashboardTestContext.Create(Platform());
        var page = context.Render<News>(p => p.Add(n => n.Symbol, "xom"));

        page.WaitForAssertion(() => Assert.Contains("EXXON RAISES OUTPUT", page.Find("[data-testid=text-table]").TextContent));
        var table = page.Find("[data-testid=text-table]").TextContent;
        Assert.Contains("+0.600", table);
        Assert.Contains("crude (93", table);
        Assert.Contains("lexicon:afinn-financialmarketnews", page.Markup);
        Assert.Contains("XOM · 2 · +0.25", page.Find("[data-testid=symbol-chips]").TextContent);
        var daily = page.Find("[data-testid=daily-table]").TextContent;
        Assert.Contains("1987-03-03", daily);
        Assert.Contains("-0.100", daily);
        Assert.Contains("—", daily); // surprise is undefined without a baseline
    }

    [Fact]
    public async Task NothingReadYetSaysWhy()
    {
        await using var context = DashboardTestContext.Create(new FakeApi()
            .Json("/v1/sentiment/symbols", Array.Empty<object>()).Json("/v1/sentiment/texts", Array.Empty<object>()));
        var page = context.Render<News>();
        page.WaitForAssertion(() => Assert.Contains("No scored texts yet", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task AnUnreachableFeaturesServiceIsAMessage()
    {
        await using var context = DashboardTestContext.Create(new FakeApi().Unreachable("/v1/"));
        var page = context.Render<News>();
        page.WaitForAssertion(() => Assert.Contains("scored texts: service unreachable", page.Markup));
    }
}
