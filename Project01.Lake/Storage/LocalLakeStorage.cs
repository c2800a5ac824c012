using System.Runtime.CompilerServices;

namespace Project01.Lake.Storage;

/// <summary>The lake on local disk. Create-if-absent is <see cref="FileMode.CreateNew"/> (O_CREAT|O_EXCL): atomic.</summary>
public sealed class LocalLakeStorage : ILakeStorage
{
    public LocalLakeStorage(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string Location => new Uri(Root + Path.DirectorySeparatorChar).AbsoluteUri;

    private string Full(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar)));
        // Whole segments: "/data/lake2/x" is outside "/data/lake" even though the strings share a prefix.
        if (full != Root && !full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"path '{path}' escapes the lake root");
        return full;
    }

    public async Task<byte[]?> ReadAllBytesAsync(string path, CancellationToken ct = default)
    {
        try { return await File.ReadAllBytesAsync(Full(path), ct); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    public async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var full = Full(path);
        CreateDirectoryDurably(Path.GetDirectoryName(full)!);
        // Write to a private temp file first, then link it into place: the log entry appears whole or not at all.
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(content, ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }
        try
        {
            if (!AtomicFile.LinkNew(temp, full)) return false;
        }
        finally
        {
            File.Delete(temp);
        }
        // The commit exists once its directory entry is on disk: without this a crash could lose an acknowledged commit.
        AtomicFile.SyncDirectory(Path.GetDirectoryName(full)!);
        return true;
    }

    public Task<long> WriteNewAsync(string path, Action<Stream> write, CancellationToken ct = default)
    {
        var full = Full(path);
        CreateDirectoryDurably(Path.GetDirectoryName(full)!);
        using (var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        // Data files are named in the commit that follows: they must be durable (entry included) before it is.
        AtomicFile.SyncDirectory(Path.GetDirectoryName(full)!);
        return Task.FromResult(new FileInfo(full).Length);
    }

    /// <summary>Creates missing directories and syncs each new one's parent, so the path survives a crash.</summary>
    private void CreateDirectoryDurably(string directory)
    {
        if (Directory.Exists(directory)) return;
        var parent = Path.GetDirectoryName(directory);
        if (parent is not null && parent.Length >= Root.Length) CreateDirectoryDurably(parent);
        Directory.CreateDirectory(directory);
        if (parent is not null) AtomicFile.SyncDirectory(parent);
    }

    public Task<string> GetLocalPathAsync(string path, CancellationToken ct = default) => Task.FromResult(Full(path));

    public async IAsyncEnumerable<LakeFileInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var dir = Full(prefix);
        if (!Directory.Exists(dir)) yield break;
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            yield return new LakeFileInfo(Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'), info.Length, info.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken ct = default)
    {
        File.Delete(Full(path));
        return Task.CompletedTask;
    }
}
