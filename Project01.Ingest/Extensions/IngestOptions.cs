namespace Project01.Ingest.Extensions;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Bundled datasets to replay at start-up unless the lake already holds them (e.g. ["sp500"]).</summary>
    public List<string> ReplayOnStart { get; set; } = [];

    /// <summary>0 = as fast as possible; s &gt; 0 = event time runs s times faster than the wall clock.</summary>
    public double ReplaySpeed { get; set; }

    /// <summary>How often the pull sources (Polygon REST, FRED, feeds, X search) are asked for new records.</summary>
    public TimeSpan SourcePollInterval { get; set; } = TimeSpan.FromMinutes(5);
}
