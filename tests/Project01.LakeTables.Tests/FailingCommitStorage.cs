using Project01.Lake.Storage;

namespace Project01.LakeTables.Tests;

/// <summary>Local storage whose commits (log files) under one prefix fail a given number of times, after the table's
/// creation: a disk or network that gives out in the middle of a batch.</summary>
internal sealed class FailingCommitStorage(ILakeStorage inner, string logPrefix, int failures) : ILakeStorage
{
    private readonly int _failures = failures;
    private int _left = failures;

    public int Failed => _failures - Math.Max(_left, 0);

    public string Location => inner.Location;

    public Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var isDataCommit = path.StartsWith(logPrefix, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal)
            && !path.EndsWith("00000000000000000000.json", StringComparison.Ordinal);
        if (isDataCommit && Interlocked.Decrement(ref _left) >= 0) throw new IOException($"injected failure committing {path}");
        return inner.TryCreateAsync(path, content, ct);
    }

    public Task<byte[]?> ReadAllBytesAsync(string path, CancellationToken ct = default) => inner.ReadAllBytesAsync(path, ct);
    public Task<long> WriteNewAsync(string path, Action<Stream> write, CancellationToken ct = default) => inner.WriteNewAsync(path, write, ct);
    public Task<string> GetLocalPathAsync(string path, CancellationToken ct = default) => inner.GetLocalPathAsync(path, ct);
    public IAsyncEnumerable<LakeFileInfo> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
    public Task DeleteAsync(string path, CancellationToken ct = default) => inner.DeleteAsync(path, ct);
}
