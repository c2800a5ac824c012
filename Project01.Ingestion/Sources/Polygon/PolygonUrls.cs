namespace Project01.Ingestion.Sources.Polygon;

internal static class PolygonUrls
{
    /// <summary>
    /// Polygon's <c>next_url</c> is absolute (https://api.polygon.io/…?cursor=…). Keep its path and query but send it to
    /// the configured base URL, so the bearer key only ever goes to the host we were configured with.
    /// </summary>
    public static Uri Rebase(Uri baseUrl, string nextUrl, string source)
    {
        if (!Uri.TryCreate(nextUrl, UriKind.RelativeOrAbsolute, out var next))
            throw new Http.SourcePayloadException(source, "next_url", $"'{nextUrl}' is not a URL");
        var pathAndQuery = next.IsAbsoluteUri ? next.PathAndQuery : nextUrl;
        // TryCreate takes "https:/host/…" as relative, yet it does not combine with a base: refuse it rather than throw.
        if (!Uri.TryCreate(baseUrl, pathAndQuery.TrimStart('/'), out var rebased) || !baseUrl.IsBaseOf(rebased))
            throw new Http.SourcePayloadException(source, "next_url", $"'{nextUrl}' is not a URL under {baseUrl}");
        return rebased;
    }
}
