using System.Text.Json.Serialization;
using Project01.Ingestion.Sources.Feeds;

namespace Project01.Ingestion.Sources;

/// <summary>Source-generated JSON for the sources' own small documents (cursors).</summary>
[JsonSerializable(typeof(FeedCursor))]
[JsonSerializable(typeof(string))]
internal sealed partial class SourceJsonContext : JsonSerializerContext;
