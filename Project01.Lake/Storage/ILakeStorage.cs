namespace Project01.Lake.Storage;

/// <summary>
/// Where lake files live, addressed by '/'-separated paths relative to the lake root. The one operation the Delta
/// protocol needs from storage is an atomic create-if-absent (<see cref="TryCreateAsync"/>): that is what makes a
/// commit atomic and lets concurrent writers detect each other.
/// </summary>
public interface ILakeStorage
{
    /// <summary>A description for logs (e.g. file:///var/lake).</summary>
    string Location { get; }

    Task<byte[]?> ReadAllBytesAsync(string path, CancellationToken ct = default);

    /// <summary>Writes <paramref name="content"/> only if nothing exists at <paramref name="path"/>; false when something does.</summary>
    Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct = default);

    /// <summary>Writes a new data file through a stream (fails if it exists); returns its size in bytes.</summary>
    Task<long> WriteNewAsync(string path, Action<Stream> write, CancellationToken ct = default);

    /// <summary>A local file path for readers that need one (Parquet, DuckDB). Remote stores download to a cache.</summary>
    Task<string> GetLocalPathAsync(string path, CancellationToken ct = default);

    /// <summary>Files (not directories) under a prefix, recursively, as lake-relative paths with size and modification time.</summary>
    IAsyncEnumerable<LakeFileInfo> ListAsync(string prefix, CancellationToken ct = default);

    Task DeleteAsync(string path, CancellationToken ct = default);
}

public sealed record LakeFileInfo(string Path, long Size, DateTimeOffset LastModified);
