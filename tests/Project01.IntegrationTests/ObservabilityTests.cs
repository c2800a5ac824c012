using System.Text.Json;
using System.Text.RegularExpressions;

namespace Project01.IntegrationTests;

/// <summary>The Grafana dashboard in the repository reads only metrics the running services export on /metrics.</summary>
[Collection(AppHostCollection.Name)]
public sealed partial class ObservabilityTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly string[] Services = ["ingest", "features", "training", "inference"];

    [GeneratedRegex(@"\b((?:p01|http_server)_[a-z0-9_]+)")]
    private static partial Regex MetricName();

    [Fact]
    public async Task EveryMetricTheGrafanaDashboardQueriesIsExported()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Project01.Tests.TestPaths.RepoRoot, "deploy", "grafana", "project01.json"), _ct);
        using var dashboard = JsonDocument.Parse(json);
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)).ToList();
        var families = expressions.SelectMany(e => MetricName().Matches(e).Select(m => Regex.Replace(m.Value, "_(bucket|count|sum)$", ""))).ToHashSet();
        Assert.True(families.Count >= 10, string.Join(", ", families));

        // Activity that every panel reflects: a forecast, and a pipeline run (its drift step reports drift metrics).
        await fixture.WaitForForecastAsync(_ct);
        await Pipelines.RetrainingRuns.RunAsync(fixture, _ct);

        // Gauges sampled in the background (consumer lag, every 15 s) show up within a minute.
        await fixture.WithinAsync("every dashboard metric on some service's /metrics", TimeSpan.FromMinutes(1), async ct =>
        {
            var exported = new List<string>();
            foreach (var service in Services)
            {
                using var response = await fixture.AnonymousClient(service).GetAsync("/metrics", ct);
                exported.Add(await response.Content.ReadAsStringAsync(ct));
            }
            var text = string.Join('\n', exported);
            var missing = families.Where(f => !Regex.IsMatch(text, $@"(?m)^{Regex.Escape(f)}(_bucket|_count|_sum)?[{{ ]")).ToList();
            return (missing.Count == 0, 0, $"missing: {string.Join(", ", missing)}");
        }, _ct);
    }
}
