using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Project01.Contracts;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>
/// A bounded soak of the running platform: steady API traffic on every service (forecasts, batch forecasts, online
/// features, bars, lake SQL, the registry) for <c>P01_SOAK_SECONDS</c> (30 s in CI; <c>benchmarks/soak.sh</c> runs
/// 300). Records p50/p99 latency per route, errors, and the resident memory of each service before and after into
/// artifacts/soak.json; fails on any error or on memory that keeps growing.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SoakTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly (string Service, string Name, Func<HttpClient, CancellationToken, Task<HttpResponseMessage>> Call)[] Routes =
    [
        ("inference", "GET /v1/forecast/SPX", (c, ct) => c.GetAsync("/v1/forecast/SPX", ct)),
        ("inference", "POST /v1/forecast/batch", (c, ct) => c.PostAsJsonAsync("/v1/forecast/batch", new { symbols = new[] { "SPX", "AAPL", "MSFT", "IBM" } }, ct)),
        ("features", "GET /v1/features/online", (c, ct) => c.GetAsync("/v1/features/online?symbols=SPX,AAPL&view=price_v1", ct)),
        ("ingest", "GET /v1/bars/SPX", (c, ct) => c.GetAsync("/v1/bars/SPX?last=250", ct)),
        ("ingest", "POST /v1/lake/sql", (c, ct) => c.PostAsJsonAsync("/v1/lake/sql", new SqlRequest("SELECT symbol, count(*) FROM raw.bars GROUP BY symbol"), ct)),
        ("training", "GET /v1/registry/models", (c, ct) => c.GetAsync("/v1/registry/models", ct)),
    ];

    [Fact]
    public async Task SteadyTrafficOnEveryServiceHasNoErrorsAndNoMemoryGrowth()
    {
        await fixture.WaitForForecastAsync(_ct);
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("P01_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 30;
        var services = Routes.Select(r => r.Service).Distinct().ToArray();
        var clients = services.ToDictionary(x => x, fixture.Client);

        // Warm up (JIT, pools, caches), then take the baseline.
        await RunAsync(clients, TimeSpan.FromSeconds(3), new ConcurrentDictionary<string, ConcurrentBag<double>>(), new ConcurrentBag<string>());
        var before = await MemoryAsync(services);

        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await RunAsync(clients, TimeSpan.FromSeconds(seconds), latencies, errors);
        var elapsed = clock.Elapsed;
        var after = await MemoryAsync(services);

        var report = new
        {
            seconds = elapsed.TotalSeconds,
            requests = latencies.Values.Sum(b => b.Count),
            errors = errors.Count,
            firstErrors = errors.Take(5).ToArray(),
            routes = latencies.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv =>
            {
                var sorted = kv.Value.Order().ToArray();
                return new { count = sorted.Length, p50Ms = Percentile(sorted, 0.50), p99Ms = Percentile(sorted, 0.99), perSecond = sorted.Length / elapsed.TotalSeconds };
            }),
            memoryMb = services.ToDictionary(x => x, x => new { before = before[x], after = after[x] }),
        };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        var artifacts = Directory.CreateDirectory(Path.Combine(TestPaths.RepoRoot, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(artifacts, "soak.json"), json, _ct);
        TestContext.Current.SendDiagnosticMessage("soak: " + json);

        Assert.True(errors.IsEmpty, $"{errors.Count} errors, e.g. {string.Join(" | ", errors.Take(3))}");
        Assert.All(Routes, r => Assert.True(latencies.TryGetValue(r.Name, out var b) && b.Count > 0, $"{r.Name} was never answered"));
        // Resident memory may settle higher after warm-up, but steady traffic must not keep adding to it.
        foreach (var x in services)
            Assert.True(after[x] <= before[x] * 1.5 + 64, $"{x} grew from {before[x]:F0} MB to {after[x]:F0} MB under steady traffic");
    }

    /// <summary>Two closed loops per route, each waiting for its answer before the next call.</summary>
    private async Task RunAsync(Dictionary<string, HttpClient> clients, TimeSpan duration,
        ConcurrentDictionary<string, ConcurrentBag<double>> latencies, ConcurrentBag<string> errors)
    {
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Routes.SelectMany(r => Enumerable.Range(0, 2).Select(async _ =>
        {
            while (until.Elapsed < duration && !_ct.IsCancellationRequested)
            {
                var call = Stopwatch.StartNew();
                try
                {
                    using var response = await r.Call(clients[r.Service], _ct);
                    await response.Content.ReadAsByteArrayAsync(_ct);
                    if (!response.IsSuccessStatusCode) errors.Add($"{r.Name}: {(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    errors.Add($"{r.Name}: {e.Message}");
                }
                latencies.GetOrAdd(r.Name, _ => []).Add(call.Elapsed.TotalMilliseconds);
            }
        })));
    }

    private async Task<Dictionary<string, double>> MemoryAsync(string[] services)
    {
        var result = new Dictionary<string, double>();
        foreach (var service in services)
        {
            var e = await fixture.App.ResourceNotifications.WaitForResourceAsync(service, e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null), _ct);
            var pid = Convert.ToInt32(e.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);
            // The AppHost starts each service through `dotnet run`: the service is a child of that process, so the whole
            // tree is measured (the launcher itself stays the same size).
            result[service] = Tree(pid).Sum(ResidentKb) / 1024.0;
        }
        return result;
    }

    private static List<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException) { } // the process ended meanwhile
        }
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++) tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        return tree;
    }

    private static long ResidentKb(int pid)
    {
        try
        {
            var rss = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return rss is null ? 0 : long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
