using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.ApiKeys;

namespace Project01.ApiSecurity;

/// <summary>
/// Authenticates <c>X-Api-Key</c> against the hashed keys in Postgres. Lookups are cached for a short while (a revoked
/// key stops working within <see cref="ApiKeyLookup.CacheFor"/>) so a request costs no database round trip on the hot
/// path. A key with the <see cref="ApiScopes.Delegate"/> scope may name the person it acts for in
/// <c>X-On-Behalf-Of</c>; the identity's name, which routes record as the actor, is then "person via client".
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyLookup lookup)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string OnBehalfOfHeader = "X-On-Behalf-Of";
    public const string ScopeClaim = "scope";
    public const string RateClaim = "requests_per_minute";
    public const string ClientClaim = "client";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0])) return AuthenticateResult.NoResult();
        var key = await lookup.FindAsync(values[0]!, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown API key");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail($"the API key of '{key.Client}' was revoked at {key.RevokedAt:O}");

        var name = key.Client;
        if (Request.Headers.TryGetValue(OnBehalfOfHeader, out var person) && !string.IsNullOrEmpty(person[0]))
        {
            if (!key.Allows(ApiScopes.Delegate)) return AuthenticateResult.Fail($"the key of '{key.Client}' may not act for someone else ({OnBehalfOfHeader})");
            if (!PersonName().IsMatch(person[0]!)) return AuthenticateResult.Fail($"{OnBehalfOfHeader} must be a user name (letters, digits, . _ @ -; at most 64)");
            name = $"{person[0]} via {key.Client}";
        }
        var identity = new ClaimsIdentity(SchemeName);
        AddClaim(identity, ClaimTypes.Name, name);
        AddClaim(identity, ClientClaim, key.Client);
        AddClaim(identity, RateClaim, key.RequestsPerMinute.ToString(CultureInfo.InvariantCulture));
        foreach (var scope in key.Scopes) AddClaim(identity, ScopeClaim, scope);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // A claim made for its identity is kept as it is; one made without (new Claim(type, value)) is cloned on the way in,
    // two objects a claim on every request.
    private static void AddClaim(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key required",
            failure ?? $"send a key in the {Header} header (issue one with: p01 keys create --client <name> --scopes <scopes>)");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Scope missing",
            $"the key of '{Context.User.FindFirst(ClientClaim)?.Value}' does not carry the scope this endpoint needs (has: {string.Join(", ", Context.User.FindAll(ScopeClaim).Select(c => c.Value))})");

    [GeneratedRegex(@"^[\p{L}\p{Nd}._@-]{1,64}$")]
    private static partial Regex PersonName();
}

/// <summary>Key lookups with a short cache (hits and misses alike, so a flood of bad keys does not reach Postgres).</summary>
public sealed class ApiKeyLookup(IApiKeyFinder store, TimeProvider time)
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
