using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Net.Http.Json;
using Project01.Contracts;
using Project01.Ingestion.Import;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>
/// Intraday bars through the running platform: a vendor-style file of 5-minute bars imported into Kafka becomes
/// <c>raw.intraday_bars</c>, the <c>price_5m_v1</c> view, a trained <c>ret1-lightgbm-5m</c> and a forecast of the next bar,
/// while the daily SPX series goes on as before.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class IntradayTests(AppHostFixture fixture)
{
    private const string Symbol = "SPXF";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiveMinuteBarsBecomeFeaturesAModelAndANextBarForecast()
    {
        await fixture.WaitForForecastAsync(_ct); // the daily pipeline is up

        // The bundled S&P 500 closes stamped as 5-minute bars of New York sessions (78 a day, 09:35–16:00, local time as
        // vendors write it): a timing fixture labelled as such, not intraday prices.
        var dir = TestPaths.NewTempDirectory("intraday-import");
        var daily = File.ReadLines(TestPaths.BundledData("sp500-daily-2000-2020.csv")).Skip(1).Take(78 * 30).ToList();
        var day = new DateTime(2020, 6, 1, 9, 35, 0);
        var lines = daily.Select((line, i) =>
        {
            var t = day.AddDays(i / 78 + 2 * (i / 78 / 5)).AddMinutes(5 * (i % 78)); // weekdays only
            return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + line[line.IndexOf(',')..];
        });
        await File.WriteAllLinesAsync(Path.Combine(dir, $"{Symbol}.csv"), ["datetime,open,high,low,close,volume", .. lines], _ct);

        var summary = await fixture.ImportAsync(dir, new ImportOptions(TimeZone: "America/New_York"), _ct);
        var series = Assert.Single(summary.Series);
        Assert.Equal(("5m", 78L * 30, 0L), (series.Interval, series.Rows, summary.Rejected));

        var features = fixture.Client("features");
        var marks = await fixture.WithinAsync($"{Symbol} in price_5m_v1", TimeSpan.FromMinutes(3), async c =>
        {
            var all = await features.GetFromJsonAsync<FeatureWatermarkDto[]>("/v1/features/watermarks", c);
            var mine = all!.FirstOrDefault(m => m.View == "price_5m_v1" && m.Symbol == Symbol);
            return (mine?.Rows == 78 * 30, mine, mine is null ? "no watermark yet" : $"{mine.Rows} rows");
        }, _ct);
        Assert.Equal(DateTime.SpecifyKind(series.Last!.Value, DateTimeKind.Utc), marks!.LastEventTime);
        // The daily view did not get a single minute.
        var dailyMarks = await features.GetFromJsonAsync<FeatureWatermarkDto[]>("/v1/features/watermarks", _ct);
        Assert.DoesNotContain(dailyMarks!, m => m.View == "price_v1" && m.Symbol == Symbol);

        var inference = fixture.Client("inference");
        var forecast = await fixture.WithinAsync($"a 5-minute forecast for {Symbol}", TimeSpan.FromMinutes(5), async c =>
        {
            using var response = await inference.GetAsync($"/v1/forecast/{Symbol}?interval=5m", c);
            return response.IsSuccessStatusCode
                ? (true, (await response.Content.ReadFromJsonAsync<ForecastDto>(c))!, "")
                : (false, null!, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(c)}");
        }, _ct);

        Assert.Equal(("ret1-lightgbm-5m", marks.LastEventTime), (forecast.Model, forecast.FeatureTime));
        Assert.Equal(forecast.FeatureTime.AddMinutes(5), forecast.ForecastFor); // the next bar, not the next day
        Assert.InRange(forecast.Value, -0.2, 0.2);

        var bars = await fixture.Client("ingest").GetFromJsonAsync<BarsResponse>($"/v1/bars/{Symbol}?interval=5m&last=10", _ct);
        Assert.Equal(10, bars!.Bars.Count);
        using var none = await fixture.Client("ingest").GetAsync($"/v1/bars/{Symbol}", _ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, none.StatusCode); // no daily bars of it
    }
}
