using System.Runtime.InteropServices;

namespace Project01.DeepForecasting.Runtime;

/// <summary>
/// Keeps libtorch's LSTMs exact. On an AMD EPYC with AVX-512 (Zen 5 here) the oneDNN 3.7.1 inside libtorch 2.10 runs
/// LSTMs through its AVX-512 brgemm kernel and gets outputs 1–3 % away from what the same weights compute elsewhere:
/// ONNX Runtime disagreed with TorchSharp by up to 5e-2 on TFT and DeepAR, and a TFT no longer overfit one batch.
/// Capping oneDNN at AVX2 (<c>ONEDNN_MAX_CPU_ISA</c>) makes the two agree to 1e-6 again. oneDNN reads that variable
/// from the C environment when it creates its first primitive, so it is set with libc's setenv (.NET's own
/// environment block never reaches native code) before any network is built. A value the user set is kept.
/// </summary>
public static partial class RecurrentKernels
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    private static readonly bool Pinned = Pin();

    /// <summary>Call before building or running a network; the first call does the work.</summary>
    public static bool EnsureExact() => Pinned;

    private static bool Pin()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        if (Environment.GetEnvironmentVariable(Variable) is not null) return false;
        return setenv(Variable, "AVX2", 0) == 0;
    }

    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
