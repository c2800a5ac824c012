using System.ComponentModel.DataAnnotations;

namespace Project01.Ingestion.Sources.Feeds;

/// <summary>RSS 2.0 and Atom 1.0 news feeds. Bound from <c>Sources:Feeds</c>; no key needed, enabled when a feed is listed.</summary>
public sealed class NewsFeedOptions : SourceOptions
{
    public const string Section = "Sources:Feeds";

    public NewsFeedOptions()
    {
        // Feeds publish no limit; one request a second is polite.
        RateLimit = new SourceRateLimitOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };
    }

    public List<NewsFeed> Feeds { get; set; } = [];

    public override bool IsEnabled => Feeds.Count > 0;

    protected override IEnumerable<(string Name, object Value)> NestedOptions() => Feeds.Select((f, i) => ($"Feeds:{i}", (object)f));

    public override string EnableHint(string section) => $"{section}:Feeds:0:Name and {section}:Feeds:0:Url";
}

public sealed class NewsFeed
{
    /// <summary>Short name, used in the records' source (<c>feed:&lt;name&gt;</c>) and the cursor key.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Name must be 1-64 letters, digits, '.', '_' or '-'")]
    public string Name { get; set; } = "";

    [Required]
    public Uri Url { get; set; } = null!;
}
