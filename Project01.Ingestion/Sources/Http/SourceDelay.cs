namespace Project01.Ingestion.Sources.Http;

internal static class SourceDelay
{
    /// <summary>Waits between reconnects; false when cancelled meanwhile (the run is over, not failed).</summary>
    public static async Task<bool> WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
