using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.X;

namespace Project01.Ingestion.Sources;

/// <summary>At start, one line per vendor: enabled, or disabled with the setting that would enable it.</summary>
public sealed partial class SourceStatusReporter(
    IOptions<PolygonOptions> polygon, IOptions<FredOptions> fred, IOptions<NewsFeedOptions> feeds, IOptions<XOptions> x,
    ILogger<SourceStatusReporter> logger) : IHostedService
{
    public IReadOnlyList<(string Vendor, bool Enabled, string Detail)> Describe() =>
    [
        Describe("Polygon", polygon.Value, PolygonOptions.Section, $"tickers: {string.Join(',', polygon.Value.Tickers)}"),
        Describe("FRED", fred.Value, FredOptions.Section, $"series: {string.Join(',', fred.Value.Series)}"),
        Describe("News feeds", feeds.Value, NewsFeedOptions.Section, $"feeds: {string.Join(',', feeds.Value.Feeds.Select(f => f.Name))}"),
        Describe("X", x.Value, XOptions.Section, string.IsNullOrWhiteSpace(x.Value.SearchQuery) ? "filtered stream only" : $"search: {x.Value.SearchQuery}"),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (vendor, enabled, detail) in Describe())
        {
            if (enabled) LogEnabled(logger, vendor, detail);
            else LogDisabled(logger, vendor, detail);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static (string, bool, string) Describe(string vendor, SourceOptions options, string section, string detail) =>
        options.IsEnabled ? (vendor, true, detail) : (vendor, false, $"set {options.EnableHint(section)} to enable it");

    [LoggerMessage(LogLevel.Information, "Source {Vendor} enabled ({Detail})")]
    private static partial void LogEnabled(ILogger logger, string vendor, string detail);

    [LoggerMessage(LogLevel.Warning, "Source {Vendor} DISABLED: {Detail}")]
    private static partial void LogDisabled(ILogger logger, string vendor, string detail);
}
