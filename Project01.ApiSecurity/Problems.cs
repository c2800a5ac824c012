using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Project01.ApiSecurity;

/// <summary>ProblemDetails bodies written outside an endpoint (authentication, rate limiting, size limits).</summary>
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
