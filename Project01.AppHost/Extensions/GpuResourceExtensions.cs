namespace Project01.AppHost.Extensions;

/// <summary>A resource's need for GPUs, in the app model (for a publisher or deployment step that can place it).</summary>
public sealed class GpuRequestAnnotation(int count) : IResourceAnnotation
{
    public int Count { get; } = count;
}

public static class GpuResourceExtensions
{
    /// <summary>
    /// Declares that a worker wants <paramref name="count"/> GPUs. Aspire 13.6.5 has no GPU setting that a manifest
    /// carries for a project (<c>WithContainerRuntimeArgs("--gpus", "all")</c> reaches only a local container run), so the
    /// need is declared where a scheduler and the NVIDIA container runtime can read it: the <see cref="GpuRequestAnnotation"/>
    /// in the app model, and environment in the manifest: <c>P01_DEVICE_REQUEST=gpu</c>, <c>P01_GPU_COUNT</c>, and
    /// <c>NVIDIA_VISIBLE_DEVICES=all</c> / <c>NVIDIA_DRIVER_CAPABILITIES=compute,utility</c> (which the NVIDIA container
    /// toolkit honours on a GPU node). It is a request, not a switch: placing the app on a GPU node (a GPU workload
    /// profile, a node selector) is the deployment's step, and the worker still trains on the CPU where none is present.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGpuRequest(this IResourceBuilder<ProjectResource> worker, int count = 1) =>
        worker.WithAnnotation(new GpuRequestAnnotation(count))
            .WithEnvironment("P01_DEVICE_REQUEST", "gpu")
            .WithEnvironment("P01_GPU_COUNT", count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("NVIDIA_VISIBLE_DEVICES", "all")
            .WithEnvironment("NVIDIA_DRIVER_CAPABILITIES", "compute,utility");
}
