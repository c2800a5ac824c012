using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Http;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.Publishing;
using Project01.Ingestion.Sources.X;

namespace Project01.Ingestion.Sources;

public static class SourcesHostingExtensions
{
    /// <summary>
    /// Registers the vendor clients with their options (<c>Sources:Polygon</c>, <c>Sources:Fred</c>,
    /// <c>Sources:Feeds</c>, <c>Sources:X</c>, <c>Sources:Cursors</c>), typed HttpClients with retries and rate limits,
    /// the file cursor store, <see cref="SourcePublisher"/> (it needs an <c>IProducer&lt;string, byte[]&gt;</c>, e.g. from
    /// AddKafkaProducer) and a startup line per vendor saying whether it is enabled. A vendor without a key stays off.
    /// </summary>
    public static IHostApplicationBuilder AddMarketDataSources(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SourceRateLimiters>();
        services.AddOptions<SourceCursorOptions>().Bind(configuration.GetSection(SourceCursorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ISourceCursorStore, FileSourceCursorStore>();
        services.TryAddSingleton<SourcePublisher>();
        services.AddHostedService<SourceStatusReporter>();

        AddOptions<PolygonOptions>(services, configuration, PolygonOptions.Section);
        AddOptions<FredOptions>(services, configuration, FredOptions.Section);
        AddOptions<NewsFeedOptions>(services, configuration, NewsFeedOptions.Section);
        AddOptions<XOptions>(services, configuration, XOptions.Section);

        services.AddHttpClient<PolygonAggregatesClient>((sp, http) => Polygon(sp, http)).AddSourceResilience<PolygonOptions>("polygon");
        services.AddHttpClient<PolygonNewsClient>((sp, http) => Polygon(sp, http)).AddSourceResilience<PolygonOptions>("polygon");
        services.TryAddSingleton<PolygonStreamClient>();

        services.AddHttpClient<FredClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddSourceResilience<FredOptions>("fred");

        services.AddHttpClient<NewsFeedClient>(http =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's per-attempt timeout applies instead
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Project01/1.0 (+news ingestion)");
        }).AddSourceResilience<NewsFeedOptions>("feeds");

        services.AddHttpClient<XRecentSearchClient>((sp, http) => X(sp, http)).AddSourceResilience<XOptions>("x");
        // The stream is one long response: no retry handler, no timeout; the client reconnects by itself.
#pragma warning disable EXTEXP0001 // experimental, and the documented way to drop ServiceDefaults' standard handler
        services.AddHttpClient<XFilteredStreamClient>((sp, http) => X(sp, http)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    private static void AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section) where T : SourceOptions =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    private static void Polygon(IServiceProvider sp, HttpClient http)
    {
        var o = sp.GetRequiredService<IOptions<PolygonOptions>>().Value;
        http.Timeout = Timeout.InfiniteTimeSpan;
        // The key travels in a header rather than the query string, so it never shows up in a logged URL.
        if (o.IsEnabled) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
    }

    private static void X(IServiceProvider sp, HttpClient http)
    {
        var o = sp.GetRequiredService<IOptions<XOptions>>().Value;
        http.Timeout = Timeout.InfiniteTimeSpan;
        if (o.IsEnabled) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
    }
}
