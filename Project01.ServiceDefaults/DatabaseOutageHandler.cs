using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request that failed because the database connection was lost (a restart: SQLSTATE class 08 or 57P, or an error the
/// provider calls transient) answers 503 with Retry-After instead of 500, and the connection pool is emptied: after a
/// database restart every idle pooled connection is dead, and each would otherwise fail one more request.
/// </summary>
public sealed partial class DatabaseOutageHandler(Action<IServiceProvider> resetPools, ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Lost(exception) is not { } lost) return false;
        resetPools(context.RequestServices);
        LogLost(logger, lost.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, Exception = exception,
            ProblemDetails = { Status = 503, Title = "Database unavailable", Detail = "the connection to the database was lost; retry shortly" },
        });
    }

    private static DbException? Lost(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is DbException db && (db.IsTransient || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal))))
                return db;
        return null;
    }

    [LoggerMessage(LogLevel.Warning, "Database connection lost ({Reason}); the connection pool was emptied")]
    private static partial void LogLost(ILogger logger, string reason);
}

public static partial class Extensions
{
    /// <summary>Answers lost-database failures with 503 and empties the pool through <paramref name="resetPools"/>.</summary>
    public static IHostApplicationBuilder AddDatabaseOutageRecovery(this IHostApplicationBuilder builder, Action<IServiceProvider> resetPools)
    {
        builder.Services.AddSingleton<IExceptionHandler>(sp => new DatabaseOutageHandler(resetPools, sp.GetRequiredService<ILogger<DatabaseOutageHandler>>()));
        return builder;
    }
}
