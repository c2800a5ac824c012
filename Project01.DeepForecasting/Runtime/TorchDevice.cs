using TorchSharp;

namespace Project01.DeepForecasting.Runtime;

/// <summary>
/// Where deep models train: CUDA when the loaded libtorch reports a device, else the CPU. Chosen at run time, so the
/// same build trains on a GPU node (with a CUDA libtorch) and on a laptop; the worker logs it, reports it in its health
/// and records it with each run.
/// </summary>
public static class TorchDevice
{
    /// <summary>"cuda" or "cpu", or an explicit choice ("cpu" forces the CPU on a GPU machine; "cuda" fails without one).</summary>
    public static torch.Device Choose(string? requested = null)
    {
        RecurrentKernels.EnsureExact();
        var name = string.IsNullOrWhiteSpace(requested) || requested == "auto" ? (CudaAvailable ? "cuda" : "cpu") : requested;
        if (name.StartsWith("cuda", StringComparison.Ordinal) && !CudaAvailable)
            throw new InvalidOperationException($"device '{name}' was asked for, but the loaded libtorch reports no CUDA device (build with a CUDA LibTorchPackage on a GPU node)");
        return torch.device(name);
    }

    public static bool CudaAvailable => torch.cuda.is_available();

    /// <summary>What the worker reports: the device and what libtorch says about it.</summary>
    public static string Describe(torch.Device device) => device.type == DeviceType.CUDA
        ? $"cuda ({torch.cuda.device_count()} device(s))"
        : $"cpu ({torch.get_num_threads()} thread(s){(CudaAvailable ? "" : "; libtorch reports no CUDA")})";
}
