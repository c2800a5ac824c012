using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Project01.Ingestion.Sources.Http;

/// <summary>
/// One sliding-window limiter per vendor, shared by all of that vendor's clients and handler instances: a vendor's
/// limit applies to the key, not to an endpoint. Requests over the budget wait in order rather than fail.
/// </summary>
public sealed class SourceRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter?> _limiters = new(StringComparer.Ordinal);

    // Permits of a request return when its segment slides out, which can be up to one segment short of the window;
    // stretching the window by S/(S-1) makes "at most PermitLimit in any Window" hold exactly, at a small cost in pace.
    private const int Segments = 4;

    public RateLimiter? For(string vendor, SourceRateLimitOptions options) =>
        _limiters.GetOrAdd(vendor, static (_, o) => o.PermitLimit <= 0 || o.Window <= TimeSpan.Zero
            ? null
            : new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.PermitLimit,
                Window = o.Window * Segments / (Segments - 1),
                SegmentsPerWindow = Segments,
                QueueLimit = 100_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }), options);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter?.Dispose();
        _limiters.Clear();
    }
}
