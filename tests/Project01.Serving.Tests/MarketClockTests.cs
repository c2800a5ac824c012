using Project01.FeatureStore.Registry;
using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

public sealed class MarketClockTests
{
    private static readonly DateTime Monday = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private readonly ManualClock _wall = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithinTheWindowTheStoreIsReadOnce()
    {
        var reads = 0;
        var clock = new MarketClock((_, _) => { reads++; return Task.FromResult<DateTime?>(Monday); }, _wall);

        Assert.Equal(Monday, await clock.NowAsync(FeatureView.Price, _ct));
        _wall.Advance(MarketClock.RefreshAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal(Monday, await clock.NowAsync(FeatureView.Price, _ct));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task AStaleClockIsServedWhileOneRefreshRunsForAllCallers()
    {
        var reads = 0;
        var pending = new TaskCompletionSource<DateTime?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new MarketClock((_, _) => ++reads == 1 ? Task.FromResult<DateTime?>(Monday) : pending.Task, _wall);
        await clock.NowAsync(FeatureView.Price, _ct);

        _wall.Advance(MarketClock.RefreshAfter);
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => clock.NowAsync(FeatureView.Price, _ct)));
        Assert.All(answers, a => Assert.Equal(Monday, a)); // nobody waited for the refresh
        Assert.Equal(2, reads);

        pending.SetResult(Monday.AddDays(1));
        await WaitForAsync(async () => await clock.NowAsync(FeatureView.Price, _ct) == Monday.AddDays(1));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task AFailedRefreshKeepsTheLastClockAndTheNextRequestTriesAgain()
    {
        var reads = 0;
        var clock = new MarketClock((_, _) => ++reads switch
        {
            1 => Task.FromResult<DateTime?>(Monday),
            2 => Task.FromException<DateTime?>(new TimeoutException("postgres is away")),
            _ => Task.FromResult<DateTime?>(Monday.AddDays(2)),
        }, _wall);
        await clock.NowAsync(FeatureView.Price, _ct);

        _wall.Advance(MarketClock.RefreshAfter);
        Assert.Equal(Monday, await clock.NowAsync(FeatureView.Price, _ct));
        await WaitForAsync(() => Task.FromResult(reads == 2));
        await WaitForAsync(async () => await clock.NowAsync(FeatureView.Price, _ct) == Monday.AddDays(2));
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task EachViewKeepsItsOwnClock()
    {
        var clock = new MarketClock((view, _) => Task.FromResult<DateTime?>(view.Key == FeatureView.Price.Key ? Monday : Monday.AddHours(15)), _wall);
        Assert.Equal(Monday, await clock.NowAsync(FeatureView.Price, _ct));
        Assert.Equal(Monday.AddHours(15), await clock.NowAsync(FeatureView.Macro, _ct));
    }

    // The refresh completes on another thread; poll its effect rather than sleep a guessed time.
    private async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 2000 && !await condition(); i++) await Task.Delay(5, _ct);
        Assert.True(await condition());
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
