using System.Runtime.CompilerServices;

namespace Project01.Portfolios.Ppo.Tests;

internal static class TestTorch
{
    /// <summary>One libtorch thread, as p01 runs PPO: the networks are small and the suite shares 2 cores with the others.</summary>
    [ModuleInitializer]
    internal static void OneThread() => TorchSharp.torch.set_num_threads(1);
}
