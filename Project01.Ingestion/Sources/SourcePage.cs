namespace Project01.Ingestion.Sources;

/// <summary>
/// One page of a source's output: the records, the items it had to reject, and the cursor to store once these records
/// are safely published (null when the page does not move the cursor, e.g. all but the last page of a newest-first
/// search). Storing the cursor only after publishing is what makes a crash lose nothing.
/// </summary>
public sealed record SourcePage<T>(IReadOnlyList<T> Records, IReadOnlyList<SourceRejection> Rejections, SourceCursor? Cursor = null)
{
    public static SourcePage<T> Empty { get; } = new([], []);
}

/// <summary>A position in a source (a timestamp, an id, a vintage date) under a stable key, e.g. <c>polygon:aggs:AAPL:1:minute</c>.</summary>
public readonly record struct SourceCursor(string Key, string Value);

/// <summary>
/// An item a source returned but could not turn into a record: which source, which field (a JSON path such as
/// <c>results[3].o</c> or an element such as <c>item[2].pubDate</c>), why, and the raw item for the dead-letter topic.
/// </summary>
public sealed record SourceRejection(string Source, string Field, string Reason, string Payload);
