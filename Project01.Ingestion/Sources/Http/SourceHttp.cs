using System.Text;
using System.Text.Json;

namespace Project01.Ingestion.Sources.Http;

/// <summary>GET a vendor page as JSON: a failed status or a body that is not JSON becomes an exception that says so.</summary>
internal static class SourceHttp
{
    private static readonly string[] SecretParameters = ["api_key", "apikey", "apiKey", "token", "access_token", "key"];

    public static async Task<JsonDocument> GetJsonAsync(this HttpClient http, string source, Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw Failure(source, response, url, body);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new SourcePayloadException(source, "$", $"is not JSON ({e.Message}); the body starts with '{Snippet(body)}'", e);
        }
    }

    public static SourceHttpException Failure(string source, HttpResponseMessage response, Uri url, byte[] body)
    {
        var detail = Snippet(body);
        var wait = SourceRetryAfter.Of(response, TimeProvider.System);
        if (wait is { } w) detail = $"retry after {w.TotalSeconds:F0} s; {detail}";
        return new SourceHttpException(source, response.StatusCode, Redact(url), detail.Length == 0 ? "(empty body)" : detail, wait);
    }

    /// <summary>The URL without credentials in its query string (FRED takes its key there), safe for logs and exceptions.</summary>
    public static string Redact(Uri url)
    {
        if (string.IsNullOrEmpty(url.Query)) return url.ToString();
        var parts = url.Query.TrimStart('?').Split('&')
            .Select(p => SecretParameters.Any(s => p.StartsWith(s + "=", StringComparison.OrdinalIgnoreCase)) ? p[..(p.IndexOf('=') + 1)] + "***" : p);
        return url.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', parts);
    }

    public static string Snippet(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]).ReplaceLineEndings(" ").Trim();
        return body.Length > 300 ? text + "…" : text;
    }
}
