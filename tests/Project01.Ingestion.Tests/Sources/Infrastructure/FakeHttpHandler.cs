using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Web;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources.Infrastructure;

/// <summary>One request as the fake server saw it.</summary>
public sealed record RecordedRequest(Uri Uri, DateTime At, string? Authorization, string? IfNoneMatch, DateTimeOffset? IfModifiedSince)
{
    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];
}

/// <summary>
/// Plays scripted responses in order and records every request; a request beyond the script fails the test (it
/// throws a non-transient exception, so no retry hides it). Nothing here touches the network.
/// </summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    public int Unplayed => _script.Count;

    public FakeHttpHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public FakeHttpHandler Then(HttpStatusCode status, string body = "", string mediaType = "application/json", Action<HttpResponseMessage>? configure = null) =>
        Then((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public FakeHttpHandler ThenFixture(string path, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null) =>
        Then(HttpStatusCode.OK, File.ReadAllText(TestPaths.Fixture(["sources", .. path.Split('/')])), mediaType, configure);

    public FakeHttpHandler Repeat(int times, HttpStatusCode status, string body = "")
    {
        for (var i = 0; i < times; i++) Then(status, body);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
            _requests.Add(new RecordedRequest(request.RequestUri!, DateTime.UtcNow, request.Headers.Authorization?.ToString(),
                request.Headers.IfNoneMatch.FirstOrDefault()?.ToString(), request.Headers.IfModifiedSince));
        return _script.TryDequeue(out var respond)
            ? respond(request, cancellationToken)
            : throw new InvalidOperationException($"unexpected request {request.Method} {request.RequestUri} (the script is played out)");
    }
}
