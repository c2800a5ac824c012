using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Project01.Contracts;
using Project01.Dashboard.Components.Charts;
using Project01.Dashboard.Components.Pages;

namespace Project01.Dashboard.Tests;

public sealed class DeepModelsTests
{
    private static string Text(IRenderedComponent<Markets> page, string testId) =>
        // Percentages read without the invariant culture's space ("3.85 %" → "3.85%").
        page.Find($"[data-testid={testId}]").TextContent.Replace('\u00A0', ' ').Replace(" %", "%", StringComparison.Ordinal).Trim();

    [Fact]
    public async Task ATftForecastShowsItsOwnBandAndWhereItLooked()
    {
        var api = SampleData.HealthyPlatform()
            .Json("/v1/forecast/SPX?target=vol5&model=vol5-tft", SampleData.TftVolForecast)
            .Json("/v1/forecast/SPX?target=vol5&model=vol5-deepar", SampleData.TftVolForecast with
            {
                Value = 0.0402, Lower = 0.0301, Upper = 0.0555, Model = "vol5-deepar", ModelVersion = 1, ExecutionProvider = "CPU", Attention = null,
            });
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Equal("3.85%", Text(page, "deep-value-vol5-tft")));
        Assert.Equal("80% band [2.91%, 5.17%]", Text(page, "deep-band-vol5-tft"));
        Assert.StartsWith("vol5-tft v2 · CUDA", Text(page, "deep-version-vol5-tft"));

        // The TFT's two charts are inside its own card; DeepAR has a band but no attention.
        var tft = page.Find("[data-testid=deep-model-vol5-tft]");
        Assert.Single(tft.QuerySelectorAll("[data-testid=variable-weights-chart]"));
        Assert.Single(tft.QuerySelectorAll("[data-testid=lookback-attention-chart]"));
        Assert.Contains("top 10", tft.TextContent);
        var deepar = page.Find("[data-testid=deep-model-vol5-deepar]");
        Assert.Empty(deepar.QuerySelectorAll("[data-testid=variable-weights-chart]"));
        Assert.Equal("80% band [3.01%, 5.55%]", Text(page, "deep-band-vol5-deepar"));
        Assert.StartsWith("vol5-deepar v1 · CPU", Text(page, "deep-version-vol5-deepar"));
        Assert.Equal(2, page.FindAll("[data-testid=variable-weights-chart]").Count + page.FindAll("[data-testid=lookback-attention-chart]").Count);

        // A TFT is asked for its attention, DeepAR (which has none) is not; the ret1 ones are not trained here.
        Assert.Contains(api.Requests, r => r.Path == "/v1/forecast/SPX?target=vol5&model=vol5-tft&explain=true");
        Assert.Contains(api.Requests, r => r.Path == "/v1/forecast/SPX?target=vol5&model=vol5-deepar");
        Assert.Contains(api.Requests, r => r.Path == "/v1/forecast/SPX?target=ret1&model=ret1-tft&explain=true");
        Assert.NotNull(page.Find("[data-testid=deep-not-trained-ret1-tft]"));
        // The page's own forecast is untouched.
        Assert.Equal("-27.8 bp", page.Find("[data-testid=forecast-value]").TextContent.Trim());
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task AReturnForecastOfADeepModelIsInBasisPoints()
    {
        var api = SampleData.HealthyPlatform()
            .Json("/v1/forecast/SPX?target=ret1&model=ret1-deepar", new ForecastDto("SPX", "ret1", 0.0012, -0.0101, 0.0119, 0.8,
                SampleData.Bars[^1].Time, new DateTime(2020, 4, 20, 0, 0, 0, DateTimeKind.Utc), "ret1-deepar", 4, "CPU"));
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Equal("+12.0 bp", Text(page, "deep-value-ret1-deepar")));
        Assert.Equal("80% band [-101.0 bp, 119.0 bp]", Text(page, "deep-band-ret1-deepar"));
    }

    [Fact]
    public async Task AnUntrainedDeepModelIsAHintHowToTrainItNotAnError()
    {
        // HealthyPlatform answers every deep model with the API's 503 "No model".
        await using var context = DashboardTestContext.Create(SampleData.HealthyPlatform());
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=deep-not-trained-vol5-tft]")));
        foreach (var (model, target, algorithm) in new[] { ("vol5-tft", "vol5", "tft"), ("vol5-deepar", "vol5", "deepar"), ("ret1-tft", "ret1", "tft"), ("ret1-deepar", "ret1", "deepar") })
        {
            Assert.Equal("Not trained yet.", Text(page, $"deep-not-trained-{model}"));
            var hint = Text(page, $"deep-hint-{model}");
            Assert.Contains("training panel", hint);
            Assert.Contains($"target {target}, algorithm {algorithm}", hint);
            Assert.Contains($"POST /v1/training/jobs {{\"target\":\"{target}\",\"algorithm\":\"{algorithm}\"}}", hint);
        }
        var card = page.Find("[data-testid=deep-models]");
        Assert.Equal("models", card.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("no champion in the registry", card.TextContent);
        Assert.Empty(card.QuerySelectorAll("[data-testid^=deep-problem-]"));
        Assert.Empty(card.QuerySelectorAll("[data-testid=variable-weights-chart]"));
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task AnUnreachableInferenceServiceIsACaptionInTheCardNotABanner()
    {
        var api = SampleData.HealthyPlatform().Unreachable("/v1/forecast/SPX?target=vol5&model=vol5-tft");
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Contains("vol5-tft forecast for SPX: service unreachable", Text(page, "deep-problem-vol5-tft")));
        Assert.Empty(page.FindAll("[data-testid=deep-not-trained-vol5-tft]"));
        Assert.Empty(page.FindAll(".mud-alert"));
    }

    [Fact]
    public async Task IntradaySeriesHaveNoDeepModels()
    {
        var minutes = Enumerable.Range(0, 40).Select(i => new BarDto(new DateTime(2020, 1, 2, 14, 35, 0, DateTimeKind.Utc).AddMinutes(5 * i), 100 + i, 101 + i, 99 + i, 100.5 + i, 1000)).ToArray();
        var api = SampleData.HealthyPlatform()
            .Json("/v1/symbols", new[] { new SymbolDto("SPX", 40, minutes[0].Time, minutes[^1].Time, DateTime.UtcNow, "5m") })
            .Json("/v1/bars/SPX?last=390&interval=5m", new BarsResponse("SPX", minutes));
        await using var context = DashboardTestContext.Create(api);
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/markets/SPX?interval=5m");
        var page = context.Render<Markets>(p => p.Add(m => m.Symbol, "SPX"));

        page.WaitForAssertion(() => Assert.Contains("2020-01-02 17:50 UTC", WebUtility.HtmlDecode(page.Markup)));
        Assert.Empty(page.FindAll("[data-testid=deep-models]"));
        Assert.DoesNotContain(api.Requests, r => r.Path.Contains("model=", StringComparison.Ordinal));
    }

    [Fact]
    public void TheVariableChartDrawsTheTenHeaviestInputsLargestFirst()
    {
        var variables = SampleData.TftVolForecast.Attention!.Variables.Reverse().ToList(); // whatever order they come in
        var bars = VariableWeightsChart.Bars(variables, 10);

        Assert.Equal(["rv20", "logret", "rsi14", "atr14", "rv5", "sma20", "sma50", "macd", "bbw", "volume_z"], bars.Select(b => b.Feature));
        Assert.Equal(1.0, SampleData.TftVolForecast.Attention.Variables.Sum(v => v.Weight), 9);
    }

    [Fact]
    public void TheLookbackChartPutsTheOldestBarOnTheLeft()
    {
        var shuffled = new List<LookbackWeightDto> { new(2, 0.2), new(5, 0.05), new(1, 0.4), new(3, 0.15), new(4, 0.1) };
        Assert.Equal([5, 4, 3, 2, 1], LookbackAttentionChart.Bars(shuffled).Select(b => b.BarsAgo));
    }

    [Fact]
    public async Task TheTrainingPanelOffersTheDeepAlgorithmsForRet1AndVol5Only()
    {
        var api = SampleData.HealthyPlatform()
            .Json("/v1/training/jobs", new TrainingJobDto(9, "vol5-tft", "vol5", "queued", DateTime.UtcNow, null, null, "requested from the dashboard", null, null),
                HttpStatusCode.Accepted, HttpMethod.Post);
        await using var context = DashboardTestContext.Create(api);
        var page = context.Render<Models>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=train-queue]")));
        var selects = page.FindComponent<Project01.Dashboard.Components.Models.TrainingPanel>().FindComponents<MudBlazor.MudSelect<string>>();
        var (target, algorithm) = (selects[0], selects[1]);
        Assert.Empty(page.FindAll("[data-testid=train-deep-hint]"));

        await page.InvokeAsync(() => algorithm.Instance.ValueChanged.InvokeAsync("tft"));
        await page.InvokeAsync(() => target.Instance.ValueChanged.InvokeAsync("dir1"));
        page.WaitForAssertion(() => Assert.Contains("tft forecasts ret1 and vol5 only, not dir1", page.Find("[data-testid=train-deep-hint]").TextContent));
        Assert.True(page.Find("[data-testid=train-queue]").HasAttribute("disabled"));

        await page.InvokeAsync(() => target.Instance.ValueChanged.InvokeAsync("vol5"));
        page.WaitForAssertion(() => Assert.Contains("served as vol5-tft", page.Find("[data-testid=train-deep-hint]").TextContent));
        page.Find("[data-testid=train-queue]").Click();
        page.WaitForAssertion(() => Assert.Contains(api.Requests, r => r.Method == HttpMethod.Post));
        var post = api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Contains("\"target\":\"vol5\"", post.Body);
        Assert.Contains("\"algorithm\":\"tft\"", post.Body);
    }
}
