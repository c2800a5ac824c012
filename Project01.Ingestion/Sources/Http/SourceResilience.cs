using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Project01.Ingestion.Sources.Http;

/// <summary>
/// The resilience pipeline of a vendor's HttpClient: retry (5xx, 408, 429, network errors; exponential backoff with
/// jitter, or exactly the Retry-After the vendor asked for), the vendor's rate limit, then a per-attempt timeout. It
/// replaces ServiceDefaults' standard handler on these clients so that retries are not nested and a long Retry-After
/// is honoured instead of cut by the standard 30 s total timeout.
/// </summary>
public static partial class SourceResilience
{
    public static IHttpClientBuilder AddSourceResilience<TOptions>(this IHttpClientBuilder builder, string vendor)
        where TOptions : SourceOptions
    {
        // Experimental in Microsoft.Extensions.Http.Resilience, and the documented way to drop handlers added by
        // ConfigureHttpClientDefaults (ServiceDefaults' standard handler) for one client.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddResilienceHandler(vendor, (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var options = services.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SourceResilience).FullName!);
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            var retry = options.Retry;

            if (retry.MaxRetries > 0)
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = retry.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = retry.BaseDelay,
                    MaxDelay = retry.MaxDelay,
                    ShouldRetryAfterHeader = false, // the delay generator below reads it (and X's reset header)
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, retry, time)),
                    DelayGenerator = args => ValueTask.FromResult(SourceRetryAfter.Of(args.Outcome.Result, time)),
                    OnRetry = args =>
                    {
                        LogRetry(logger, vendor, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                            args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "?");
                        return ValueTask.CompletedTask;
                    },
                });
            if (services.GetRequiredService<SourceRateLimiters>().For(vendor, options.RateLimit) is { } limiter)
                pipeline.AddRateLimiter(limiter);
            pipeline.AddTimeout(retry.AttemptTimeout);
        });
        return builder;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, SourceRetryOptions retry, TimeProvider time)
    {
        // A vendor that asks for a longer pause than we are willing to hold a worker for gets a clear failure instead.
        if (SourceRetryAfter.Of(outcome.Result, time) > retry.MaxRetryAfter) return false;
        return HttpClientResiliencePredicates.IsTransient(outcome);
    }

    [LoggerMessage(LogLevel.Warning, "{Vendor}: retry {Attempt} in {DelayMs:F0} ms after {Outcome}")]
    private static partial void LogRetry(ILogger logger, string vendor, int attempt, double delayMs, string outcome);
}
