using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace Project01.Dashboard.Account;

/// <summary>The sign-in page: a small static HTML form in the dashboard's dark colours.</summary>
internal static class LoginPage
{
    public static string Render(AntiforgeryTokenSet tokens, string returnUrl, bool failed) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
          <title>Sign in · Project01</title>
          <style>
            body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #12151b; color: #e6e6e6; font-family: Roboto, system-ui, sans-serif; }
            form { background: #1b1f27; padding: 2rem 2.5rem; border-radius: 8px; width: 20rem; box-shadow: 0 2px 12px #0008; }
            h1 { font-size: 1.4rem; margin: 0 0 .25rem; } p { color: #9aa3ad; font-size: .85rem; margin: 0 0 1.25rem; }
            label { display: block; font-size: .8rem; color: #9aa3ad; margin: .75rem 0 .25rem; }
            input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .55rem .6rem; border-radius: 4px; border: 1px solid #39414d; background: #12151b; color: #e6e6e6; }
            button { margin-top: 1.25rem; width: 100%; padding: .6rem; border: 0; border-radius: 4px; background: #4fc3f7; color: #0b0d11; font-weight: 600; cursor: pointer; }
            .error { color: #ef9a9a; margin-top: .75rem; font-size: .85rem; }
          </style>
        </head>
        <body>
          <form method="post" action="/account/login" data-testid="login-form">
            <h1>Project01</h1>
            <p>Sign in to the quant workspace</p>
            <input type="hidden" name="{{WebUtility.HtmlEncode(tokens.FormFieldName)}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}" />
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}" />
            <label for="username">User</label><input id="username" name="username" type="text" autocomplete="username" required autofocus />
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required />
            <button type="submit">Sign in</button>
            {{(failed ? "<div class=\"error\" data-testid=\"login-error\">Wrong user or password.</div>" : "")}}
          </form>
        </body>
        </html>
        """;
}
