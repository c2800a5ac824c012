using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

/// <summary>The vendor clients' HTTP pipeline: retries, Retry-After, rate limits, and failures that say what happened.</summary>
public sealed class ResilienceTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 4, 0, 0, 0, TimeSpan.Zero);
    private const string EmptyAggs = """{"ticker":"AAPL","queryCount":0,"resultsCount":0,"adjusted":true,"status":"OK","request_id":"r","count":0}""";

    private Task<List<Ingestion.Sources.SourcePage<Messaging.Records.BarRecord>>> ReadBars(SourcesTestHost host) =>
        host.DrainAsync(host.Get<PolygonAggregatesClient>().ReadAllAsync(_ct), _ct);

    [Fact]
    public async Task Http429IsRetriedAfterExactlyTheRetryAfterDelay()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now);
        host.Http.Then(HttpStatusCode.TooManyRequests, """{"status":"ERROR","error":"You've exceeded the maximum requests per minute"}""",
                configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .ThenFixture("polygon/aggs-aapl-1-minute-page2.json");

        var pages = await ReadBars(host);

        Assert.Equal(2, pages.Single().Records.Count);
        var requests = host.Http.Requests;
        Assert.Equal(2, requests.Count);
        // The backoff alone would be ~10 ms: the wait is the vendor's second.
        Assert.InRange((requests[1].At - requests[0].At).TotalSeconds, 0.95, 5);
    }

    [Fact]
    public async Task ServerErrorIsRetriedWithBackoffThenSucceeds()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now);
        host.Http.Then(HttpStatusCode.InternalServerError, "oops").Then(HttpStatusCode.BadGateway, "").ThenFixture("polygon/aggs-aapl-1-minute-page2.json");

        var pages = await ReadBars(host);

        Assert.Equal(2, pages.Single().Records.Count);
        Assert.Equal(3, host.Http.Requests.Count);
    }

    [Fact]
    public async Task PersistentServerErrorFailsClearlyAfterTheRetries()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now);
        host.Http.Repeat(4, HttpStatusCode.InternalServerError, """{"status":"ERROR","error":"internal error"}""");

        var e = await Assert.ThrowsAsync<SourceHttpException>(() => ReadBars(host));

        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.StartsWith("polygon:aggs: HTTP 500 InternalServerError from http://polygon.test/v2/aggs/ticker/AAPL/", e.Message);
        Assert.Contains("internal error", e.Message);
        Assert.Equal(4, host.Http.Requests.Count); // the first attempt and 3 retries
        Assert.Equal(0, host.Http.Unplayed);
    }

    [Fact]
    public async Task ServiceDefaultsStandardHandlerDoesNotMultiplyRetries()
    {
        // What AddServiceDefaults does to every HttpClient of a service: the source clients must replace it, not nest in it.
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now,
            before: s => s.ConfigureHttpClientDefaults(c => c.AddStandardResilienceHandler()));
        host.Http.Repeat(4, HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<SourceHttpException>(() => ReadBars(host));

        Assert.Equal(4, host.Http.Requests.Count);
    }

    [Fact]
    public async Task RetryAfterLongerThanAllowedFailsAtOnceSayingHowLong()
    {
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(), Now);
        host.Http.Then(HttpStatusCode.TooManyRequests, "", configure: r => r.Headers.RetryAfter = new(TimeSpan.FromHours(1)));

        var e = await Assert.ThrowsAsync<SourceHttpException>(() => ReadBars(host));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Contains("retry after 3600 s", e.Message);
        Assert.Single(host.Http.Requests);
    }

    [Fact]
    public async Task ClientErrorsAreNotRetriedAndTheKeyIsRedacted()
    {
        using var host = SourcesTestHost.Create(FredClientTests.Settings(), Now);
        host.Http.Then(HttpStatusCode.BadRequest, File.ReadAllText(Project01.Tests.TestPaths.Fixture("sources", "fred", "error-bad-series.json")));

        var e = await Assert.ThrowsAsync<SourceHttpException>(() => host.DrainAsync(host.Get<FredClient>().ReadAsync("NOPE", _ct), _ct));

        Assert.Single(host.Http.Requests);
        Assert.Contains("The series does not exist", e.Message);
        Assert.Contains("api_key=***", e.Message);
        Assert.DoesNotContain("fred-key-abc", e.Message);
        Assert.Contains("api_key=fred-key-abc", host.Http.Requests[0].Uri.Query); // it was sent, just never shown
    }

    [Fact]
    public async Task RequestsBeyondTheVendorBudgetWaitForTheirTurn()
    {
        // At most 2 requests in any second: the third waits until the first has left the window.
        using var host = SourcesTestHost.Create(PolygonAggregatesClientTests.Settings(
            ("Sources:Polygon:Tickers:1", "MSFT"), ("Sources:Polygon:Tickers:2", "NVDA"),
            ("Sources:Polygon:RateLimit:PermitLimit", "2"), ("Sources:Polygon:RateLimit:Window", "00:00:01")), Now);
        host.Http.Repeat(3, HttpStatusCode.OK, EmptyAggs);

        var clock = Stopwatch.StartNew();
        await ReadBars(host);

        var requests = host.Http.Requests;
        Assert.Equal(["AAPL", "MSFT", "NVDA"], requests.Select(r => r.Uri.Segments[4].TrimEnd('/')));
        Assert.True((requests[1].At - requests[0].At).TotalSeconds < 0.3, "the first two fit the burst");
        Assert.InRange((requests[2].At - requests[0].At).TotalSeconds, 0.98, 5);
        Assert.True(clock.Elapsed.TotalSeconds >= 0.98);
    }
}
