using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Project01.Dashboard.Account;
using Project01.Dashboard.Clients;

namespace Project01.Dashboard.Tests;

/// <summary>
/// Answers the dashboard's HTTP calls from a table of path prefixes → (status, body), or fails them as an unreachable
/// service would. Unknown paths are 404s.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly List<(string Prefix, HttpMethod? Method, Func<HttpResponseMessage> Respond)> _routes = [];

    /// <summary>Every request the page made: method, path and query, body, and the person it was made for (X-On-Behalf-Of).</summary>
    public List<(HttpMethod Method, string Path, string? Body, string? OnBehalfOf)> Requests { get; } = [];

    public FakeApi Json(string prefix, object body, HttpStatusCode status = HttpStatusCode.OK, HttpMethod? method = null)
    {
        _routes.Add((prefix, method, () => new HttpResponseMessage(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), System.Text.Encoding.UTF8,
                status == HttpStatusCode.OK ? "application/json" : "application/problem+json"),
        }));
        return this;
    }

    public FakeApi Problem(string prefix, HttpStatusCode status, string detail, HttpMethod? method = null) =>
        Json(prefix, new { title = status.ToString(), detail, status = (int)status }, status, method);

    /// <summary>Calls refused by the resilience pipeline's open circuit breaker (a service that just failed repeatedly).</summary>
    public FakeApi CircuitOpen(string prefix)
    {
        _routes.Add((prefix, null, () => throw new Polly.CircuitBreaker.BrokenCircuitException("The circuit is now open and is not allowing calls.")));
        return this;
    }

    public FakeApi Unreachable(string prefix)
    {
        _routes.Add((prefix, null, () => throw new HttpRequestException("Connection refused (127.0.0.1:5101)")));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var person = request.Headers.TryGetValues("X-On-Behalf-Of", out var values) ? values.Single() : null;
        lock (Requests) Requests.Add((request.Method, path, body, person));
        var route = _routes.LastOrDefault(r => path.StartsWith(r.Prefix, StringComparison.Ordinal) && (r.Method is null || r.Method == request.Method));
        return route.Respond is null ? new HttpResponseMessage(HttpStatusCode.NotFound) : route.Respond();
    }
}

public static class DashboardTestContext
{
    /// <summary>A bUnit context with MudBlazor and the platform clients pointed at the fake API, signed in as
    /// <c>tester</c> with <paramref name="role"/>.</summary>
    public static BunitContext Create(FakeApi api, string role = DashboardRoles.Operator)
    {
        // Waits end as soon as their assertion holds; the limit only matters on a machine too busy to render in bUnit's
        // default second (a loaded 2-core CI box), so it is generous.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        // Live pages poll every second here, so a test can watch an update arrive.
        context.Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Dashboard:LiveRefreshSeconds"] = "1" }).Build());
        var http = new HttpClient(api) { BaseAddress = new Uri("http://platform") };
        context.Services.AddSingleton(new IngestClient(http));
        context.Services.AddSingleton(new FeaturesClient(http));
        var auth = context.AddAuthorization();
        auth.SetAuthorized("tester");
        auth.SetRoles(role);
        context.Services.AddSingleton(sp => new TrainingClient(http, sp.GetRequiredService<AuthenticationStateProvider>()));
        context.Services.AddSingleton(new InferenceClient(http));
        return context;
    }
}
