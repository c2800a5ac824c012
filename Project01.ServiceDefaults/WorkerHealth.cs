using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What background workers last reported: a worker that keeps failing (Postgres, Redis or the broker away) says so
/// here while it retries, and <c>/health</c> turns Degraded with the reason instead of the process stopping.
/// </summary>
public sealed class WorkerHealth : IHealthCheck
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, string Reason)> _failing = new(StringComparer.Ordinal);

    public void Recovered(string worker) => _failing.TryRemove(worker, out _);

    public void Failing(string worker, Exception e) =>
        _failing.AddOrUpdate(worker, _ => (DateTimeOffset.UtcNow, Describe(e)), (_, old) => (old.Since, Describe(e)));

    public IReadOnlyDictionary<string, string> Failures => _failing.ToDictionary(kv => kv.Key, kv => kv.Value.Reason);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_failing.IsEmpty) return Task.FromResult(HealthCheckResult.Healthy("every worker is running"));
        var now = DateTimeOffset.UtcNow;
        return Task.FromResult(HealthCheckResult.Degraded(string.Join("; ",
            _failing.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} retrying for {(now - kv.Value.Since).TotalSeconds:F0} s: {kv.Value.Reason}"))));
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    /// <summary>
    /// Runs <paramref name="work"/> until shutdown, retrying with exponential back-off (1 s doubling to
    /// <paramref name="maxDelay"/>) whenever it throws, and reporting the failure until a run gets going again.
    /// <paramref name="work"/> calls its <c>Action</c> argument once it is running normally (the worker recovered).
    /// </summary>
    public async Task RunAsync(string worker, Func<Action, CancellationToken, Task> work, Action<Exception, TimeSpan> onFailure, TimeSpan maxDelay, CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await work(() => { Recovered(worker); delay = TimeSpan.FromSeconds(1); }, ct);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failing(worker, e);
                onFailure(e, delay);
                try { await Task.Delay(delay, ct); }
                catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
            }
        }
    }
}

public static partial class Extensions
{
    /// <summary>The <see cref="WorkerHealth"/> registry and its health check ("workers").</summary>
    public static IServiceCollection AddWorkerHealth(this IServiceCollection services)
    {
        services.AddSingleton<WorkerHealth>();
        services.AddHealthChecks().Add(new HealthCheckRegistration("workers", sp => sp.GetRequiredService<WorkerHealth>(), HealthStatus.Degraded, null));
        return services;
    }
}
