using System.Runtime.CompilerServices;
using Project01.DeepForecasting.Runtime;

// libtorch's seed and thread count are process-wide: tests that build networks after torch.manual_seed must not
// interleave, or one test's seed would seed another's weights.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Project01.DeepForecasting.Tests;

internal static class TestTorch
{
    /// <summary>One thread: the networks here are small, and the suite shares 2 cores with the other suites and the
    /// integration tests' platform, where threads meeting at each op's barrier wait on one another.</summary>
    [ModuleInitializer]
    internal static void OneThread()
    {
        TorchThreads.Use(1);
        TorchThreads.Ensure();
    }
}
