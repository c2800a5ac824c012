using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Project01.ApiKeys;

namespace Project01.ApiSecurity;

public static class ApiSecurityExtensions
{
    /// <summary>The rate-limiting policy of routes that start heavy work (drift checks, backtests, lake SQL, point-in-time
    /// joins): at most <see cref="ApiSecurityOptions.MaxConcurrentHeavyRequests"/> run at once per service instance.</summary>
    public const string HeavyWork = "heavy-work";

    /// <summary>
    /// API keys from the one key store, an authorization policy per scope (named as the scope), a rate limit on every
    /// route (a key's own requests per minute; callers without a key share a limit per IP address) and the configured
    /// service keys provisioned at start-up. Needs an <c>NpgsqlDataSource</c> registered.
    /// </summary>
    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiSecurityOptions>().BindConfiguration(ApiSecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<IApiKeyFinder>(sp => sp.GetRequiredService<ApiKeyStore>());
        builder.Services.AddSingleton<ApiKeyLookup>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ApiKeyProvisioning>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All) authorization.AddPolicy(scope, p => p.AddRequirements(new ScopeRequirement(scope)));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerClient);
            limiter.AddPolicy(HeavyWork, context => RateLimitPartition.GetConcurrencyLimiter("heavy", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<ApiSecurityOptions>>().Value.MaxConcurrentHeavyRequests, QueueLimit = 0,
            }));
            limiter.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == HeavyWork && !context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan _))
                {
                    http.Response.Headers.RetryAfter = "5";
                    await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Busy",
                        $"at most {http.RequestServices.GetRequiredService<IOptions<ApiSecurityOptions>>().Value.MaxConcurrentHeavyRequests} requests of this kind run at once here; retry in a few seconds");
                    return;
                }
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Rate limit reached",
                    $"{http.User.Identity?.Name ?? "anonymous callers from this address"} may make a limited number of requests per minute; retry after {retryAfter.TotalSeconds:F0} s");
            };
        });
        return builder;
    }

    /// <summary>Size limit, authentication, authorization and rate limits, in that order (a key's limit needs its identity).</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseRequestSizeLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The route needs a key carrying <paramref name="scope"/> (or an anonymous scope the service opened).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope);

    /// <summary>The route starts heavy work: it needs <paramref name="scope"/> and shares the service's concurrency limit.</summary>
    public static TBuilder RequireScopeForHeavyWork<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope).RequireRateLimiting(HeavyWork);

    /// <summary>Who is calling, as recorded in audit trails: the key's client, or "person via client" when delegated.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } ? name : throw new InvalidOperationException("no authenticated caller: the route must require a scope");

    private static RateLimitPartition<string> PerClient(HttpContext context)
    {
        // Health probes and metrics scrapes come from the orchestrator, not from clients.
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics"))
            return RateLimitPartition.GetNoLimiter("probes");
        var user = context.User;
        var (partition, perMinute) = user.Identity?.IsAuthenticated == true
            ? ("key:" + user.FindFirst(ApiKeyAuthenticationHandler.ClientClaim)!.Value, int.Parse(user.FindFirst(ApiKeyAuthenticationHandler.RateClaim)!.Value, CultureInfo.InvariantCulture))
            : ("ip:" + context.Connection.RemoteIpAddress, context.RequestServices.GetRequiredService<IOptions<ApiSecurityOptions>>().Value.AnonymousRequestsPerMinute);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });
    }

    private sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

    private sealed class ScopeHandler(IOptions<ApiSecurityOptions> options) : AuthorizationHandler<ScopeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
        {
            var user = context.User;
            // A key that was sent but did not authenticate is refused even where anonymous calls are allowed.
            var sentKey = context.Resource is HttpContext http && http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header);
            if (user.Identity?.IsAuthenticated == true
                ? user.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, requirement.Scope)
                : !sentKey && options.Value.AnonymousScopes.Contains(requirement.Scope))
                context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
