using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Project01.AppHost.Security;

namespace Project01.AppHost.Extensions;

/// <summary>
/// Tells a person at the terminal where to look: once the dashboard is healthy, the URLs of the dashboard, the API
/// and Aspire's dashboard; then, when the pipeline has produced its first forecast, that forecast and how long the
/// whole slice took from start-up.
/// </summary>
public static class ReadyBanner
{
    public static void AddReadyBanner(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> dashboard,
        IResourceBuilder<ProjectResource> inference, PlatformCredentials credentials, string symbol)
    {
        var clock = Stopwatch.StartNew();
        builder.Eventing.Subscribe<ResourceReadyEvent>(dashboard.Resource, (ready, ct) =>
        {
            var dashboardUrl = dashboard.GetEndpoint("http").Url;
            var apiUrl = inference.GetEndpoint("http").Url;
            var aspireUrl = (builder.Configuration["ASPNETCORE_URLS"] ?? "").Split(';').FirstOrDefault(u => u.Length > 0) ?? "(see the log above)";
            Console.WriteLine($"""

                ─────────────────────────────────────────────────────────────────────────
                 Project01 is up after {clock.Elapsed.TotalSeconds:F1} s
                   Dashboard         {dashboardUrl}/markets/{symbol}
                     sign in as      {PlatformCredentials.OperatorName} / {credentials.OperatorPassword}
                                     (kept in {credentials.OperatorPasswordFile})
                   Forecast API      {apiUrl}/v1/forecast/{symbol}   (X-Api-Key from: p01 keys create; reference: {apiUrl}/scalar)
                   Aspire dashboard  {aspireUrl}   (login link in the log above)
                 Ctrl+C stops everything; data stays in the data directory for the next run.
                ─────────────────────────────────────────────────────────────────────────

                """);
            _ = ReportFirstForecastAsync($"{apiUrl}/v1/forecast/{symbol}", credentials.AppHost.Secret, clock, ct);
            return Task.CompletedTask;
        });
    }

    private static async Task ReportFirstForecastAsync(string url, string apiKey, Stopwatch clock, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        while (!ct.IsCancellationRequested && clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    var f = json.RootElement;
                    Console.WriteLine($" First forecast after {clock.Elapsed.TotalSeconds:F1} s: {f.GetProperty("symbol").GetString()} next-day log return " +
                        $"{f.GetProperty("value").GetDouble() * 10_000:+0.0;-0.0} bp for {f.GetProperty("forecastFor").GetDateTime():yyyy-MM-dd} " +
                        $"({f.GetProperty("model").GetString()} v{f.GetProperty("modelVersion").GetInt32()})");
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
