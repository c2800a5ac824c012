using System.ComponentModel.DataAnnotations;

namespace Project01.Ingestion.Sources.Fred;

/// <summary>FRED (St. Louis Fed) series observations with their vintages. Bound from <c>Sources:Fred</c>.</summary>
public sealed class FredOptions : SourceOptions
{
    public const string Section = "Sources:Fred";

    public FredOptions()
    {
        // FRED's documented limit: 120 requests a minute per key.
        RateLimit = new SourceRateLimitOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
    }

    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.stlouisfed.org/");

    /// <summary>Series ids, e.g. GDP, CPIAUCSL, UNRATE, DGS10.</summary>
    public List<string> Series { get; set; } = [];

    /// <summary>
    /// Start of the real-time window on the first run. FRED's earliest (1776-07-04) returns every vintage, each with the
    /// date it was really published; later runs start at the cursor.
    /// </summary>
    public DateOnly RealtimeStart { get; set; } = new(1776, 7, 4);

    /// <summary>Observations per page (FRED's maximum is 100,000).</summary>
    [Range(1, 100_000)]
    public int PageLimit { get; set; } = 100_000;
}
