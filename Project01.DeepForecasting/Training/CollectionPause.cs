using System.Runtime;

namespace Project01.DeepForecasting.Training;

/// <summary>
/// Holds off the garbage collector while a batch runs through libtorch. TorchSharp's operators create temporary
/// Scalars (the implicit alpha of tensor + tensor, every tensor ∘ number, softplus's beta) and pass only their handles to
/// libtorch; nothing keeps the managed Scalar alive during the native call, so a collection in the middle of it can run
/// its finalizer and free the scalar while libtorch still reads it (seen here as "Expected false to be true" from
/// c10::Scalar::toFloat, at random, in long runs). With no collection during the batch, a temporary is only ever found
/// dead after its call has returned. The region is best effort: if the budget runs out the runtime collects and ends it.
/// </summary>
public readonly struct CollectionPause : IDisposable
{
    private const long Budget = 64L << 20;
    private readonly bool _started;

    private CollectionPause(bool started) => _started = started;

    public static CollectionPause Begin()
    {
        try
        {
            return new CollectionPause(GC.TryStartNoGCRegion(Budget));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return default; // already inside a region, or a budget this runtime cannot give: run as usual
        }
    }

    public void Dispose()
    {
        if (!_started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The budget was exceeded and the runtime already collected: nothing left to end.
        }
    }
}
