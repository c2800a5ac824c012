using System.ComponentModel.DataAnnotations;

namespace Project01.Ingestion.Sources;

/// <summary>
/// What every vendor's options have: the API key (no key: the source is disabled, not failing), retries and the
/// documented rate limit. Bound from <c>Sources:&lt;Vendor&gt;</c>.
/// </summary>
public abstract class SourceOptions : IValidatableObject
{
    /// <summary>The vendor's API key or bearer token; keep it in user secrets or the environment, never in appsettings.json.</summary>
    public string? ApiKey { get; set; }

    [Required]
    public SourceRetryOptions Retry { get; set; } = new();

    [Required]
    public SourceRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>A key is all a source needs to run; without one it stays off.</summary>
    public virtual bool IsEnabled => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The configuration key that turns the source on, for the "disabled" log line.</summary>
    public virtual string EnableHint(string section) => $"{section}:ApiKey";

    /// <summary>Nested option objects to validate too (data annotations stop at the first level).</summary>
    protected virtual IEnumerable<(string Name, object Value)> NestedOptions() => [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in NestedOptions().Prepend((nameof(Retry), Retry)).Prepend((nameof(RateLimit), RateLimit)))
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
                foreach (var r in results)
                    yield return new ValidationResult($"{name}: {r.ErrorMessage}", [.. r.MemberNames.Select(m => $"{name}:{m}")]);
        }
        if (Retry.BaseDelay <= TimeSpan.Zero || Retry.MaxDelay < Retry.BaseDelay)
            yield return new ValidationResult("Retry: BaseDelay must be positive and MaxDelay at least BaseDelay", [$"{nameof(Retry)}:{nameof(Retry.BaseDelay)}"]);
        if (Retry.AttemptTimeout <= TimeSpan.Zero)
            yield return new ValidationResult("Retry: AttemptTimeout must be positive", [$"{nameof(Retry)}:{nameof(Retry.AttemptTimeout)}"]);
        if (RateLimit.PermitLimit > 0 && RateLimit.Window <= TimeSpan.Zero)
            yield return new ValidationResult("RateLimit: Window must be positive", [$"{nameof(RateLimit)}:{nameof(RateLimit.Window)}"]);
    }
}

public sealed class SourceRetryOptions
{
    /// <summary>Retries after the first attempt, for 5xx, 408, 429 and network errors.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; it doubles on each retry (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest Retry-After the client waits for; a 429 asking for more fails at once with that time in the message.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one attempt (a whole page of JSON).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>A vendor's documented request budget: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>; 0 = unlimited.</summary>
public sealed class SourceRateLimitOptions
{
    [Range(0, 100_000)]
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
