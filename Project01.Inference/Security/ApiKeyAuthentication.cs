using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Project01.Serving.ApiKeys;

namespace Project01.Inference.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c> against the hashed keys in Postgres. Lookups are cached for a short while (a revoked
/// key stops working within <see cref="CacheFor"/>) so a request costs no database round trip on the hot path.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyLookup lookup)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string RateClaim = "requests_per_minute";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0])) return AuthenticateResult.NoResult();
        var key = await lookup.FindAsync(values[0]!, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown API key");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail($"the API key of '{key.Client}' was revoked at {key.RevokedAt:O}");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, key.Client), new Claim(RateClaim, key.RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. key.Scopes.Select(s => new Claim(ScopeClaim, s)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key required",
            failure ?? $"send a key in the {Header} header (issue one with: p01 keys create --client <name>)");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Scope missing",
            $"the key of '{Context.User.Identity?.Name}' does not carry the scope this endpoint needs (has: {string.Join(", ", Context.User.FindAll(ScopeClaim).Select(c => c.Value))})");
}

/// <summary>Key lookups with a short cache (hits and misses alike, so a flood of bad keys does not reach Postgres).</summary>
public sealed class ApiKeyLookup(ApiKeyStore store, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private const int CacheLimit = 10_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ApiKey? Key)> _cache = new(StringComparer.Ordinal);

    public async Task<ApiKey?> FindAsync(string secret, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(secret, out var hit) && now - hit.At < CacheFor) return hit.Key;
        var key = await store.FindAsync(secret, ct);
        if (_cache.Count >= CacheLimit) _cache.Clear();
        _cache[secret] = (now, key);
        return key;
    }
}

/// <summary>ProblemDetails bodies written outside an endpoint (authentication, rate limiting).</summary>
public static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
