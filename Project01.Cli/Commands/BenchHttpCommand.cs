using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Project01.Cli.Console;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>
/// <c>p01 bench http --url URL [--key K] [--concurrency 1,2,4,8,16] [--seconds 10]</c>: a closed-loop load test (each
/// worker sends its next request when the previous answered) with .NET's HttpClient over keep-alive connections. One JSON
/// line per concurrency level, then a summary naming the highest rate held with no errors and p99 under the target.
/// </summary>
public sealed class BenchHttpCommand : AsyncCommand<BenchHttpCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--url <URL>")]
        [Description("the URL to GET, e.g. http://localhost:5104/v1/forecast/SPX")]
        public string Url { get; init; } = "";

        [CommandOption("--key <KEY>")]
        [Description("sent as X-Api-Key")]
        public string? Key { get; init; }

        [CommandOption("--concurrency <LIST>")]
        [Description("comma-separated worker counts (default 1,2,4,8,16)")]
        public string Concurrency { get; init; } = "1,2,4,8,16";

        [CommandOption("--seconds <N>")]
        [Description("measured seconds per level, after 2 s of warm-up (default 10)")]
        public int Seconds { get; init; } = 10;

        [CommandOption("--p99-target-ms <MS>")]
        [Description("the latency target the summary checks (default 5)")]
        public double P99TargetMs { get; init; } = 5;

        public override ValidationResult Validate() =>
            !Uri.TryCreate(Url, UriKind.Absolute, out _) ? ValidationResult.Error("--url must be an absolute URL")
            : Seconds < 1 ? ValidationResult.Error("--seconds must be at least 1")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var levels = settings.Concurrency.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = levels.Max(), PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        if (settings.Key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", settings.Key);
        using (var probe = await client.GetAsync(settings.Url, cancellationToken))
            if (!probe.IsSuccessStatusCode)
            {
                Stderr.Error($"{settings.Url} answered {(int)probe.StatusCode}: {await probe.Content.ReadAsStringAsync(cancellationToken)}");
                return 1;
            }

        var results = new List<Level>();
        foreach (var workers in levels)
        {
            await RunAsync(client, settings.Url, workers, TimeSpan.FromSeconds(2), cancellationToken); // warm-up
            var level = await RunAsync(client, settings.Url, workers, TimeSpan.FromSeconds(settings.Seconds), cancellationToken);
            results.Add(level);
            System.Console.Out.WriteLine(JsonSerializer.Serialize(level.ToJson()));
            Stderr.Info($"{workers} workers: {level.Rps:F0} req/s, p50 {level.P(0.5):F3} ms, p99 {level.P(0.99):F3} ms, {level.Errors} errors");
        }
        var held = results.Where(r => r.Errors == 0 && r.P(0.99) < settings.P99TargetMs).MaxBy(r => r.Rps);
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            summary = true, url = settings.Url, client = "System.Net.Http.HttpClient (SocketsHttpHandler), closed loop, keep-alive, same machine as the server",
            p99_target_ms = settings.P99TargetMs, best_rps_within_target = held is null ? (double?)null : Math.Round(held.Rps),
            at_concurrency = held?.Workers, p99_ms_there = held is null ? (double?)null : Math.Round(held.P(0.99), 3),
        }));
        return 0;
    }

    private sealed record Level(int Workers, double Seconds, double[] SortedLatenciesMs, long Errors)
    {
        public double Rps => SortedLatenciesMs.Length / Seconds;

        public double P(double q) => SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Min(SortedLatenciesMs.Length - 1, (int)(q * SortedLatenciesMs.Length))];

        public object ToJson() => new
        {
            concurrency = Workers, requests = SortedLatenciesMs.Length, errors = Errors, rps = Math.Round(Rps), p50_ms = Math.Round(P(0.5), 3),
            p90_ms = Math.Round(P(0.9), 3), p99_ms = Math.Round(P(0.99), 3), p999_ms = Math.Round(P(0.999), 3),
            max_ms = SortedLatenciesMs.Length == 0 ? double.NaN : Math.Round(SortedLatenciesMs[^1], 3),
        };
    }

    private static async Task<Level> RunAsync(HttpClient client, string url, int workers, TimeSpan duration, CancellationToken ct)
    {
        var perWorker = new List<double>[workers];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = perWorker[w] = new List<double>(100_000);
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
                if (response.StatusCode == HttpStatusCode.OK) mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        }, ct)));
        var all = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Level(workers, clock.Elapsed.TotalSeconds, all, errors);
    }
}
