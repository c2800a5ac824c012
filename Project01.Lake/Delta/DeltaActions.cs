using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Project01.Lake.Delta;

// The actions of the Delta Lake transaction protocol that this lake writes and reads
// (https://github.com/delta-io/delta/blob/master/PROTOCOL.md). Each commit file holds one JSON action per line.

public sealed record ProtocolAction(
    [property: JsonPropertyName("minReaderVersion")] int MinReaderVersion,
    [property: JsonPropertyName("minWriterVersion")] int MinWriterVersion);

public sealed record FormatSpec(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("options")] Dictionary<string, string> Options);

public sealed record MetadataAction(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("format")] FormatSpec Format,
    [property: JsonPropertyName("schemaString")] string SchemaString,
    [property: JsonPropertyName("partitionColumns")] IReadOnlyList<string> PartitionColumns,
    [property: JsonPropertyName("configuration")] Dictionary<string, string> Configuration,
    [property: JsonPropertyName("createdTime")] long? CreatedTime);

public sealed record AddAction(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("partitionValues")] Dictionary<string, string?> PartitionValues,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("modificationTime")] long ModificationTime,
    [property: JsonPropertyName("dataChange")] bool DataChange,
    [property: JsonPropertyName("stats")] string? Stats);

public sealed record RemoveAction(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("deletionTimestamp")] long? DeletionTimestamp,
    [property: JsonPropertyName("dataChange")] bool DataChange,
    [property: JsonPropertyName("extendedFileMetadata")] bool? ExtendedFileMetadata,
    [property: JsonPropertyName("partitionValues")] Dictionary<string, string?>? PartitionValues,
    [property: JsonPropertyName("size")] long? Size);

/// <summary>Application transaction id: the highest version (here: source offset) an application has committed.</summary>
public sealed record TxnAction(
    [property: JsonPropertyName("appId")] string AppId,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("lastUpdated")] long? LastUpdated);

/// <summary>One line of a commit file: exactly one of the properties is set.</summary>
public sealed record DeltaAction
{
    [JsonPropertyName("protocol")] public ProtocolAction? Protocol { get; init; }
    [JsonPropertyName("metaData")] public MetadataAction? Metadata { get; init; }
    [JsonPropertyName("add")] public AddAction? Add { get; init; }
    [JsonPropertyName("remove")] public RemoveAction? Remove { get; init; }
    [JsonPropertyName("txn")] public TxnAction? Txn { get; init; }
    [JsonPropertyName("commitInfo")] public JsonObject? CommitInfo { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeltaAction))]
[JsonSerializable(typeof(FileStats))]
[JsonSerializable(typeof(LastCheckpoint))]
internal sealed partial class DeltaJsonContext : JsonSerializerContext;

/// <summary>Per-file statistics (the <c>stats</c> string of an add action).</summary>
public sealed record FileStats(
    [property: JsonPropertyName("numRecords")] long NumRecords,
    [property: JsonPropertyName("minValues")] Dictionary<string, JsonNode?>? MinValues,
    [property: JsonPropertyName("maxValues")] Dictionary<string, JsonNode?>? MaxValues,
    [property: JsonPropertyName("nullCount")] Dictionary<string, long>? NullCount)
{
    public string ToJson() => JsonSerializer.Serialize(this, DeltaJsonContext.Default.FileStats);

    public static FileStats? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, DeltaJsonContext.Default.FileStats);
}

public static class DeltaJson
{
    public static string Serialize(DeltaAction action) => JsonSerializer.Serialize(action, DeltaJsonContext.Default.DeltaAction);

    public static byte[] SerializeCommit(IEnumerable<DeltaAction> actions) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', actions.Select(Serialize)) + "\n");

    public static IReadOnlyList<DeltaAction> ParseCommit(byte[] content, string path)
    {
        var actions = new List<DeltaAction>();
        var lineNo = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(content).Split('\n'))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                actions.Add(JsonSerializer.Deserialize(line, DeltaJsonContext.Default.DeltaAction)
                    ?? throw new JsonException("null action"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNo}: not a Delta action: {e.Message}", e);
            }
        }
        return actions;
    }
}
