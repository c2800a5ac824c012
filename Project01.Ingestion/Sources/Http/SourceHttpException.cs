using System.Net;

namespace Project01.Ingestion.Sources.Http;

/// <summary>
/// A vendor answered with an error status after the retries were spent (or with one not worth retrying: 401, 403,
/// 404, or a 429/503 asking to wait longer than allowed). The URL has its credentials removed.
/// </summary>
public sealed class SourceHttpException(string source, HttpStatusCode status, string url, string detail, TimeSpan? retryAfter = null)
    : Exception($"{source}: HTTP {(int)status} {status} from {url}: {detail}")
{
    public string SourceName { get; } = source;
    public HttpStatusCode StatusCode { get; } = status;
    public string Url { get; } = url;

    /// <summary>How long the vendor asked to wait (Retry-After, or X's rate-limit reset), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
