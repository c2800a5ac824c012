using System.ComponentModel.DataAnnotations;

namespace Project01.Ingestion.Sources.X;

/// <summary>X (Twitter) API v2: recent search and the filtered stream. Bound from <c>Sources:X</c>; ApiKey is the app's bearer token.</summary>
public sealed class XOptions : SourceOptions
{
    public const string Section = "Sources:X";

    public XOptions()
    {
        // Recent search on the Basic tier: 60 requests per 15 minutes per app (Pro: 450; set it here).
        RateLimit = new SourceRateLimitOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(15) };
    }

    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.x.com/");

    /// <summary>A recent-search query, e.g. <c>($AAPL OR $MSFT) lang:en -is:retweet</c>. Empty: recent search is off.</summary>
    public string? SearchQuery { get; set; }

    /// <summary>Posts per search page (10–100).</summary>
    [Range(10, 100)]
    public int MaxResults { get; set; } = 100;

    /// <summary>
    /// Most search pages per run: each page costs read quota. A run that stops here still moves the cursor to the
    /// newest post, so older matches beyond the limit are skipped rather than fetched on the next run.
    /// </summary>
    [Range(1, 1000)]
    public int MaxPagesPerRun { get; set; } = 10;

    [Required]
    public XStreamOptions Stream { get; set; } = new();

    protected override IEnumerable<(string Name, object Value)> NestedOptions() => [(nameof(Stream), Stream)];

    public const string TweetFields = "created_at,public_metrics,entities,author_id,lang";
}

/// <summary>Filtered-stream reconnection, with X's documented backoff defaults.</summary>
public sealed class XStreamOptions
{
    /// <summary>X sends a keep-alive every 20 s; this long without any line means the connection is dead.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP/IP errors: back off linearly by this much, up to <see cref="NetworkBackoffMax"/>.</summary>
    public TimeSpan NetworkBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan NetworkBackoffMax { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>HTTP errors: back off exponentially from this, up to <see cref="HttpBackoffMax"/>.</summary>
    public TimeSpan HttpBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan HttpBackoffMax { get; set; } = TimeSpan.FromSeconds(320);

    /// <summary>HTTP 429: back off exponentially from this (or the reset time X gives, if later).</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromMinutes(1);
}
