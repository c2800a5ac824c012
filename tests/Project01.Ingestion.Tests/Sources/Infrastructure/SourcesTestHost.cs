using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Cursors;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources.Infrastructure;

/// <summary>
/// The sources as a host registers them (<see cref="SourcesHostingExtensions.AddMarketDataSources"/>), with every
/// HttpClient's network handler replaced by a <see cref="FakeHttpHandler"/>, fast retries, no rate limits (unless a
/// test sets them), a fixed clock and a fresh cursor folder.
/// </summary>
public sealed class SourcesTestHost : IDisposable
{
    private static readonly string[] Vendors = ["Polygon", "Fred", "Feeds", "X"];

    private SourcesTestHost(IHost host, FakeHttpHandler http, FixedClock clock, CapturingLoggerProvider logs, string cursorDirectory)
    {
        Host = host;
        Http = http;
        Clock = clock;
        Logs = logs;
        CursorDirectory = cursorDirectory;
    }

    public IHost Host { get; }
    public FakeHttpHandler Http { get; }
    public FixedClock Clock { get; }
    public CapturingLoggerProvider Logs { get; }
    public string CursorDirectory { get; }
    public ISourceCursorStore Cursors => Get<ISourceCursorStore>();

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public static SourcesTestHost Create(IDictionary<string, string?> settings, DateTimeOffset now, FakeHttpHandler? http = null,
        Action<IServiceCollection>? before = null, string? cursorDirectory = null)
    {
        http ??= new FakeHttpHandler();
        var clock = new FixedClock(now);
        var logs = new CapturingLoggerProvider();
        cursorDirectory ??= TestPaths.NewTempDirectory("cursors");
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var defaults = new Dictionary<string, string?> { ["Sources:Cursors:Directory"] = cursorDirectory };
        foreach (var vendor in Vendors)
        {
            defaults[$"Sources:{vendor}:Retry:MaxRetries"] = "3";
            defaults[$"Sources:{vendor}:Retry:BaseDelay"] = "00:00:00.010";
            defaults[$"Sources:{vendor}:Retry:MaxDelay"] = "00:00:00.050";
            defaults[$"Sources:{vendor}:RateLimit:PermitLimit"] = "0";
        }
        builder.Configuration.AddInMemoryCollection(defaults).AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(clock);
        before?.Invoke(builder.Services);
        builder.AddMarketDataSources();
        builder.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => http));
        return new SourcesTestHost(builder.Build(), http, clock, logs, cursorDirectory);
    }

    /// <summary>Reads every page, storing cursors as the publisher does once a page is delivered.</summary>
    public async Task<List<SourcePage<T>>> DrainAsync<T>(IAsyncEnumerable<SourcePage<T>> pages, CancellationToken ct)
    {
        var result = new List<SourcePage<T>>();
        await foreach (var page in pages.WithCancellation(ct))
        {
            result.Add(page);
            if (page.Cursor is { } c) await Cursors.SetAsync(c.Key, c.Value, ct);
        }
        return result;
    }

    public void Dispose()
    {
        Host.Dispose();
        try { Directory.Delete(CursorDirectory, recursive: true); } catch (IOException) { }
    }
}
