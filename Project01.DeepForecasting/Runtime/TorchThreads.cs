using TorchSharp;

namespace Project01.DeepForecasting.Runtime;

/// <summary>
/// libtorch's intra-op thread count, which is process-wide and must not change while another thread runs an op, so it
/// is set once, before the first network trains: every core unless the host asked for fewer. Fewer is right where
/// the cores are shared: each op's threads meet at a barrier, and on a machine busy with other processes every op
/// then waits for a descheduled thread (a 30-second test suite took 14 minutes beside a running platform on 2 cores).
/// </summary>
public static class TorchThreads
{
    private static int _requested;
    private static readonly Lazy<int> Applied = new(() =>
    {
        var threads = _requested > 0 ? _requested : Math.Max(1, Environment.ProcessorCount);
        torch.set_num_threads(threads);
        return threads;
    });

    /// <summary>Asks for <paramref name="threads"/> (0: every core); only before the first network trains.</summary>
    public static void Use(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (Applied.IsValueCreated)
        {
            if (threads == 0 || threads == Applied.Value) return;
            throw new InvalidOperationException($"libtorch already runs on {Applied.Value} thread(s); set the thread count before the first network trains");
        }
        _requested = threads;
    }

    /// <summary>Applies the count on the first call; returns it.</summary>
    public static int Ensure() => Applied.Value;
}
