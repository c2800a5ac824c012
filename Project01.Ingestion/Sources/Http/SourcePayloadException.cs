namespace Project01.Ingestion.Sources.Http;

/// <summary>
/// A response (or stream message) that cannot be read as the vendor documents it, naming the field: a page that is
/// not JSON, a missing <c>results</c> array, an error status in the body. Single bad items are not thrown: they become
/// <see cref="SourceRejection"/>s and go to the dead-letter topic.
/// </summary>
public sealed class SourcePayloadException(string source, string field, string reason, Exception? inner = null)
    : Exception($"{source}: malformed payload: field '{field}' {reason}", inner)
{
    public string SourceName { get; } = source;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>Thrown while mapping one item; caught per item and turned into a <see cref="SourceRejection"/>.</summary>
public sealed class PayloadFieldException(string field, string reason) : FormatException($"field '{field}' {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
