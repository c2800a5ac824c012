using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Project01.Dashboard.Account;

/// <summary>
/// Cookie sign-in for the dashboard. The sign-in page is plain server-rendered HTML (a cookie can only be set on a real
/// HTTP response, not over the interactive circuit); every other page requires a signed-in user.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/login";

    public static IHostApplicationBuilder AddDashboardAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardAccountOptions>().BindConfiguration(DashboardAccountOptions.Section)
            .Validate(o => o.Users.All(u => Validator.TryValidateObject(u, new ValidationContext(u), null, validateAllProperties: true)),
                "every Dashboard:Accounts:Users entry needs a valid Name, a Password of 12+ characters and Role operator or viewer")
            .ValidateOnStart();
        builder.Services.AddSingleton<DashboardAccounts>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.Cookie.Name = "p01.dashboard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error) =>
            Results.Content(LoginPage.Render(antiforgery.GetAndStoreTokens(context), SafeReturnUrl(returnUrl), error is not null), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/login", async (HttpContext context, DashboardAccounts accounts, ILoggerFactory logs,
            [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl) =>
        {
            var target = SafeReturnUrl(returnUrl);
            var user = accounts.SignIn(username, password, CookieAuthenticationDefaults.AuthenticationScheme);
            var log = logs.CreateLogger("Project01.Dashboard.Account");
            if (user is null)
            {
                log.LogWarning("Failed dashboard sign-in for {User} from {Address}", username, context.Connection.RemoteIpAddress);
                return Results.Redirect($"{LoginPath}?error=1&returnUrl={WebUtility.UrlEncode(target)}");
            }
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user);
            log.LogInformation("{User} signed in to the dashboard", username);
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LoginPath);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Only paths of this site: anything else (another host, "//evil", "/\evil") goes home.</summary>
    private static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
