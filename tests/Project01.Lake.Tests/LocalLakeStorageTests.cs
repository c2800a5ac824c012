using Project01.Lake.Storage;

namespace Project01.Lake.Tests;

public sealed class LocalLakeStorageTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _lake.Dispose();
        try { Directory.Delete(_lake.Root + "2", recursive: true); } catch (DirectoryNotFoundException) { }
    }

    [Theory]
    [InlineData("../outside.json")]
    [InlineData("a/../../outside.json")]
    [InlineData("/etc/passwd")]
    public async Task PathsOutsideTheRootAreRefused(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Storage.ReadAllBytesAsync(path, _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _lake.Storage.TryCreateAsync(path, new byte[] { 1 }, _ct));
    }

    [Fact]
    public async Task ASiblingFolderSharingTheRootsNameIsOutsideIt()
    {
        // "<root>2/x" starts with the root's characters but not with its path: whole segments are compared.
        var name = Path.GetFileName(_lake.Root);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _lake.Storage.TryCreateAsync($"../{name}2/x.json", new byte[] { 1 }, _ct));
        Assert.Contains("escapes the lake root", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_lake.Root + "2/x.json"));
    }

    [Fact]
    public async Task CommitsAndDataFilesLandInNewDirectoriesAndAreCreatedOnce()
    {
        var storage = _lake.Storage;
        Assert.True(await storage.TryCreateAsync("t/_delta_log/00000000000000000000.json", "{}\n"u8.ToArray(), _ct));
        Assert.False(await storage.TryCreateAsync("t/_delta_log/00000000000000000000.json", "{\"other\":1}\n"u8.ToArray(), _ct));
        Assert.Equal("{}\n"u8.ToArray(), await storage.ReadAllBytesAsync("t/_delta_log/00000000000000000000.json", _ct));
        Assert.Equal(3, await storage.WriteNewAsync("t/date=2024-01-02/part-0.parquet", s => s.Write([1, 2, 3]), _ct));
        Assert.Empty(Directory.EnumerateFiles(_lake.Root, "*.tmp", SearchOption.AllDirectories)); // no temp file left behind
    }
}
