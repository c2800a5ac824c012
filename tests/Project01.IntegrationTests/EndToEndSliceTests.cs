using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Project01.Contracts;

namespace Project01.IntegrationTests;

/// <summary>
/// The first slice end to end on the bundled S&P 500: replay → Kafka → lake → features (Postgres + Redis) →
/// LightGBM → ONNX → registry → forecast API → dashboard.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class EndToEndSliceTests(AppHostFixture fixture)
{
    private static readonly DateTime LastBundledBar = new(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public void EveryResourceIsHealthy()
    {
        foreach (var resource in AppHostFixture.Services)
        {
            Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resource, out var state), resource);
            Assert.Equal(HealthStatus.Healthy, state!.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task TheReplayedSeriesIsForecastByTheServedModel()
    {
        var forecast = await WaitForForecastAsync();

        Assert.Equal("SPX", forecast.Symbol);
        Assert.Equal("ret1", forecast.Target);
        Assert.Equal(LastBundledBar, forecast.FeatureTime);
        Assert.Equal(new DateTime(2020, 4, 20, 0, 0, 0, DateTimeKind.Utc), forecast.ForecastFor); // Friday → Monday
        Assert.Equal("ret1-lightgbm", forecast.Model);
        Assert.True(forecast.ModelVersion >= 1);
        Assert.Equal("CPU", forecast.ExecutionProvider);
        Assert.InRange(forecast.Value, -0.2, 0.2); // a daily log return
        Assert.True(forecast.Lower < forecast.Value && forecast.Value < forecast.Upper, $"{forecast.Lower} < {forecast.Value} < {forecast.Upper}");

        // Every bundled bar landed in the lake exactly once.
        var bars = await fixture.Client("ingest").GetFromJsonAsync<BarsResponse>("/v1/bars/SPX", _ct);
        Assert.Equal(5105, bars!.Bars.Count);
        Assert.Equal(bars.Bars.Count, bars.Bars.Select(b => b.Time).Distinct().Count());
        Assert.Equal(1455.219971, bars.Bars[0].Close);
    }

    [Fact]
    public async Task TheDashboardShowsTheForecast()
    {
        // The champion may be replaced while we look (the scheduler retrains as more data lands), so compare the page
        // with the forecast of the model version the page names.
        var forecast = await WaitForForecastAsync();
        using var dashboard = await fixture.DashboardClientAsync(_ct);
        var html = await dashboard.GetStringAsync("/markets/SPX", _ct);
        for (var attempt = 0; attempt < 20 && !html.Contains($"{forecast.Model} v{forecast.ModelVersion}", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), _ct);
            forecast = await WaitForForecastAsync();
            html = await dashboard.GetStringAsync("/markets/SPX", _ct);
        }

        html = WebUtility.HtmlDecode(html); // Razor writes '+' as &#x2B;
        Assert.Contains("data-testid=\"forecast-value\"", html);
        var expected = (forecast.Value * 10_000).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " bp";
        Assert.Contains(expected, html);
        Assert.Contains($"{forecast.Model} v{forecast.ModelVersion}", html);
        Assert.Contains("data-testid=\"price-chart\"", html);
    }

    [Fact]
    public async Task TheReplayedSeriesHasTailRiskWithItsBacktestInTheApiAndOnTheDashboard()
    {
        await WaitForForecastAsync(); // the features are in
        using var response = await fixture.Client("inference").GetAsync("/v1/risk/SPX", _ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var risk = (await response.Content.ReadFromJsonAsync<RiskDto>(_ct))!;

        Assert.Equal((LastBundledBar, 2520), (risk.AsOf, risk.Observations));
        // The served model is GJR-GARCH: on the S&P 500 a fall raises volatility more than a rise (γ well above α).
        Assert.Equal("gjr", risk.Garch.Model);
        Assert.True(risk.Garch.Gamma > risk.Garch.Alpha && risk.Garch.Persistence < 1, $"α {risk.Garch.Alpha}, γ {risk.Garch.Gamma}, persistence {risk.Garch.Persistence}");
        foreach (var horizon in new[] { 1, 10 })
        {
            var (var95, var99) = (risk.Figures.Single(f => f.HorizonDays == horizon && f.Level == 0.95), risk.Figures.Single(f => f.HorizonDays == horizon && f.Level == 0.99));
            Assert.True(0 < var95.ValueAtRisk && var95.ValueAtRisk < var99.ValueAtRisk, $"{horizon} days: VaR95 {var95.ValueAtRisk}, VaR99 {var99.ValueAtRisk}");
            Assert.True(var95.ExpectedShortfall >= var95.ValueAtRisk && var99.ExpectedShortfall >= var99.ValueAtRisk);
        }
        Assert.Equal((500, LastBundledBar), (risk.Backtest.Days, risk.Backtest.To));
        Assert.All(risk.Backtest.Levels, l => Assert.InRange(l.KupiecP, 0, 1));

        using var dashboard = await fixture.DashboardClientAsync(_ct);
        // The page fills its risk panel after the rest (the page does not wait on a GARCH fit), so a render may come
        // before it: ask again until one has it.
        var html = await fixture.WithinAsync("the Markets page's risk panel", TimeSpan.FromSeconds(60), async ct =>
        {
            var page = WebUtility.HtmlDecode(await dashboard.GetStringAsync("/markets/SPX", ct));
            return (page.Contains("data-testid=\"risk-figures\"", StringComparison.Ordinal), page, page.Length > 400 ? page[^400..] : page);
        }, _ct);
        Assert.Contains($"on 2,520 daily returns to {LastBundledBar:yyyy-MM-dd}", html);
    }

    [Fact]
    public async Task AnUnknownSymbolIsAProblemNotAnError()
    {
        await WaitForForecastAsync();
        using var response = await fixture.Client("inference").GetAsync("/v1/forecast/NOPE", _ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NOPE", await response.Content.ReadAsStringAsync(_ct));
    }

    /// <summary>Polls until the pipeline has produced a forecast (replay, features, training and loading take a while).</summary>
    private Task<ForecastDto> WaitForForecastAsync() => fixture.WaitForForecastAsync(_ct);
}
