using System.Globalization;
using System.Net;

namespace Project01.Ingestion.Sources.Http;

/// <summary>How long a vendor asked us to wait: <c>Retry-After</c> (seconds or a date), or X's <c>x-rate-limit-reset</c> on a 429.</summary>
internal static class SourceRetryAfter
{
    public static TimeSpan? Of(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is null) return null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (retryAfter.Date is { } date) return Max0(date - time.GetUtcNow());
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("x-rate-limit-reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds))
            return Max0(DateTimeOffset.FromUnixTimeSeconds(epochSeconds) - time.GetUtcNow());
        return null;
    }

    private static TimeSpan Max0(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}
