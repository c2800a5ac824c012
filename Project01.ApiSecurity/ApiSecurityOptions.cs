using System.ComponentModel.DataAnnotations;

namespace Project01.ApiSecurity;

/// <summary>The <c>ApiSecurity</c> section every service reads.</summary>
public sealed class ApiSecurityOptions
{
    public const string Section = "ApiSecurity";

    /// <summary>Scopes a caller without a key is granted (none by default; e.g. <c>forecast</c> to open forecasts to all).</summary>
    public string[] AnonymousScopes { get; set; } = [];

    /// <summary>Requests per minute per IP address for callers without a key (reads included).</summary>
    [Range(1, 10_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 600;

    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Heavy requests (drift checks, backtests, lake SQL, point-in-time joins) that may run at once; more get 429.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentHeavyRequests { get; set; } = 2;

    /// <summary>Keys made outside the store (the AppHost's service keys, by hash): provisioned into it at start-up.</summary>
    public List<ServiceKeyOptions> ServiceKeys { get; set; } = [];
}

/// <summary>A service key by its SHA-256 hash (hex) and prefix; the secret itself never reaches the services that check it.</summary>
public sealed class ServiceKeyOptions
{
    [Required]
    public string Client { get; set; } = "";

    [Required]
    public string Hash { get; set; } = "";

    [Required]
    public string Prefix { get; set; } = "";

    public string[] Scopes { get; set; } = [];

    [Range(1, 10_000_000)]
    public int RequestsPerMinute { get; set; } = 60_000;
}
