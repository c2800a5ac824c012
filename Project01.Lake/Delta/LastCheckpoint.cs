using System.Text.Json;
using System.Text.Json.Serialization;

namespace Project01.Lake.Delta;

/// <summary>
/// <c>_delta_log/_last_checkpoint</c> (PROTOCOL.md "Last Checkpoint File"): a hint pointing at a recent checkpoint so
/// readers need not list the log. Only a hint: a reader that finds it missing, corrupt or pointing at a bad file lists
/// the checkpoints instead.
/// </summary>
public sealed record LastCheckpoint(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sizeInBytes")] long? SizeInBytes,
    [property: JsonPropertyName("numOfAddFiles")] long? NumOfAddFiles)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, DeltaJsonContext.Default.LastCheckpoint);

    /// <summary>The hint in <paramref name="content"/>, or null when it is absent, not JSON or not a plausible checkpoint.</summary>
    public static LastCheckpoint? TryParse(byte[]? content)
    {
        if (content is null) return null;
        try
        {
            var hint = JsonSerializer.Deserialize(content, DeltaJsonContext.Default.LastCheckpoint);
            // A checkpoint holds at least protocol and metaData.
            return hint is { Version: >= 0, Size: >= 2 } ? hint : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
