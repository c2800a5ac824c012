using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Spectre.Console;
using Spectre.Console.Cli;
using StackExchange.Redis;

namespace Project01.Cli.Commands;

/// <summary>
/// Online fetch latency of one entity with many features through the platform's online store (Redis, one pipelined
/// round trip), measured call by call on loopback. Without --redis it starts its own redis-server on a free port.
/// The values are real price_v1 features of the bundled S&amp;P 500, repeated to fill the requested width.
/// </summary>
public sealed class BenchOnlineCommand : AsyncCommand<BenchOnlineCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--redis <CONNECTION>")]
        [Description("Redis to use (default: start redis-server on a free loopback port)")]
        public string? Redis { get; init; }

        [CommandOption("--features <N>")]
        [Description("features per entity (default 250)")]
        public int Features { get; init; } = 250;

        [CommandOption("--iterations <N>")]
        [Description("timed fetches (default 20000, after 2000 warm-up)")]
        public int Iterations { get; init; } = 20_000;

        public override ValidationResult Validate() => Features < 1 || Iterations < 100 ? ValidationResult.Error("need --features ≥ 1 and --iterations ≥ 100") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        string? endpoint = settings.Redis;
        using var server = endpoint is null ? StartRedis(out endpoint) : null;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var view = new FeatureView("bench", 1, "symbol", "bench", Enumerable.Range(0, settings.Features).Select(i => $"f{i:D3}").ToList(), TimeSpan.FromDays(4), "benchmark view");
        var bars = BundledData.Sp500Bars().ToArray();
        var price = PriceFeatureEngine.ComputeBatch(bars);
        var last = price.AsSpan((bars.Length - 1) * PriceFeatures.Count, PriceFeatures.Count).ToArray();
        var row = new FeatureRow("SPX", bars[^1].Time, DateTime.UtcNow, Enumerable.Range(0, settings.Features).Select(i => last[i % last.Length]).ToArray());
        var store = new OnlineFeatureStore(redis);
        await store.WriteLatestAsync(view, [row]);

        for (var i = 0; i < 2_000; i++) await store.GetAsync(view, ["SPX"]);
        var latencies = new double[settings.Iterations];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < latencies.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var got = await store.GetAsync(view, ["SPX"]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (got[0]?.Values.Count != settings.Features) throw new InvalidOperationException("the online store returned an incomplete row");
        }
        var total = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            features = settings.Features, iterations = settings.Iterations, redis = settings.Redis ?? $"redis-server {endpoint}",
            p50_ms = Math.Round(P(0.50), 4), p90_ms = Math.Round(P(0.90), 4), p99_ms = Math.Round(P(0.99), 4), p999_ms = Math.Round(P(0.999), 4),
            max_ms = Math.Round(latencies[^1], 4), fetches_per_second = Math.Round(settings.Iterations / total), feast_java_reference_ms = 1.3,
        }));
        return 0;
    }

    /// <summary>A redis-server this command started: stopped when disposed.</summary>
    private sealed class OwnedProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    private static OwnedProcess StartRedis(out string endpoint)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start redis-server (install it: sudo apt-get install -y redis-server)");
        endpoint = $"127.0.0.1:{port}";
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        Stderr.Info($"started redis-server on {endpoint}");
        return new OwnedProcess(process);
    }
}
