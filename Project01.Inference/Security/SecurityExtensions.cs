using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Project01.Inference.Extensions;
using Project01.Serving.ApiKeys;

namespace Project01.Inference.Security;

public static class SecurityExtensions
{
    public const string RateLimitPolicy = "per-client";

    /// <summary>
    /// API keys, one authorization policy per scope, and a per-client rate limit (the key's own requests per minute;
    /// anonymous callers, when allowed, share a limit per IP address). With <c>Inference:RequireApiKey</c> off (the local
    /// demo), a request without a key is let through; a request with a bad key is refused either way.
    /// </summary>
    public static void AddApiKeySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyLookup>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ApiKeySchema>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiScopes.Forecast, p => p.AddRequirements(new ScopeRequirement(ApiScopes.Forecast)))
            .AddPolicy(ApiScopes.Predict, p => p.AddRequirements(new ScopeRequirement(ApiScopes.Predict)))
            .AddPolicy(ApiScopes.Models, p => p.AddRequirements(new ScopeRequirement(ApiScopes.Models)));

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var o = context.RequestServices.GetRequiredService<IOptions<InferenceOptions>>().Value;
                var user = context.User;
                var (partition, perMinute) = user.Identity?.IsAuthenticated == true
                    ? ("key:" + user.Identity.Name, int.Parse(user.FindFirst(ApiKeyAuthenticationHandler.RateClaim)!.Value, CultureInfo.InvariantCulture))
                    : ("ip:" + context.Connection.RemoteIpAddress, o.AnonymousRequestsPerMinute);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Rate limit reached",
                    $"{context.HttpContext.User.Identity?.Name ?? "anonymous callers from this address"} may make a limited number of requests per minute; retry after {retryAfter.TotalSeconds:F0} s");
            };
        });
    }

    private sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

    private sealed class ScopeHandler(IOptions<InferenceOptions> options) : AuthorizationHandler<ScopeRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
        {
            var user = context.User;
            // A key that was sent but did not authenticate is refused even where anonymous calls are allowed.
            var sentKey = context.Resource is HttpContext http && http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header);
            if (user.Identity?.IsAuthenticated == true
                ? user.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, requirement.Scope)
                : !options.Value.RequireApiKey && !sentKey)
                context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Creates the key table at start-up (the CLI may issue keys before the service ever ran, and does the same).</summary>
internal sealed class ApiKeySchema(ApiKeyStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
