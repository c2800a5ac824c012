namespace Project01.Dashboard.Components;

/// <summary>
/// Live updates over the Blazor circuit: calls <c>tick</c> every period until disposed (the page's SignalR circuit
/// carries the re-render to the browser). A tick that fails is skipped: the next one tries again.
/// </summary>
public sealed class LiveRefresh : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LiveRefresh(TimeSpan period, Func<CancellationToken, Task> tick) => _loop = RunAsync(period, tick, _stop.Token);

    public static LiveRefresh Start(IConfiguration configuration, Func<CancellationToken, Task> tick) =>
        new(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Dashboard:LiveRefreshSeconds", 5))), tick);

    private static async Task RunAsync(TimeSpan period, Func<CancellationToken, Task> tick, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await tick(ct); }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException) { }
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
