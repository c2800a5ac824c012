using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Project01.ApiSecurity;

/// <summary>
/// Refuses bodies over <see cref="ApiSecurityOptions.MaxRequestBytes"/> with a 413 problem before reading them: by the
/// declared length at once, and for chunked bodies through the server's own limit (Kestrel stops reading there).
/// </summary>
public static class RequestSizeLimit
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ApiSecurityOptions>>().Value.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"the body has {context.Request.ContentLength} bytes; this API accepts at most {max} per request");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        await next(context);
    });
}
