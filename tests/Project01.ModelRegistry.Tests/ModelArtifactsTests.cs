using Project01.ModelRegistry.Artifacts;
using Project01.Tests;

namespace Project01.ModelRegistry.Tests;

public sealed class ModelArtifactsTests : IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _lake = TestPaths.NewTempDirectory("artifacts");
    private readonly ModelArtifacts _artifacts;

    public ModelArtifactsTests() => _artifacts = new ModelArtifacts(_lake);

    public void Dispose() => Directory.Delete(_lake, recursive: true);

    private static byte[] Bytes(int seed)
    {
        var bytes = new byte[257];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void RelativePathsAreVersionedFoldersUnderArtifactsModels() =>
        Assert.Equal("artifacts/models/ret1-lightgbm/v3/model.onnx", ModelArtifacts.RelativePath("ret1-lightgbm", 3));

    [Fact]
    public void Sha256IsLowerCaseHexOfTheBytes()
    {
        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ModelArtifacts.Sha256("abc"u8.ToArray()));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ModelArtifacts.Sha256([]));
    }

    [Fact]
    public async Task AWrittenModelReadsBackWithItsHash()
    {
        var onnx = Bytes(1);

        var relative = await _artifacts.WriteAsync("vol5-har", 2, onnx, _ct);

        Assert.Equal(ModelArtifacts.RelativePath("vol5-har", 2), relative);
        Assert.True(File.Exists(Path.Combine(_lake, "artifacts", "models", "vol5-har", "v2", "model.onnx")));
        Assert.Equal(onnx, await _artifacts.ReadAsync(relative, ModelArtifacts.Sha256(onnx), _ct));
        // The registry may hold the hash in either case.
        Assert.Equal(onnx, await _artifacts.ReadAsync(relative, ModelArtifacts.Sha256(onnx).ToUpperInvariant(), _ct));
    }

    [Fact]
    public async Task WritingLeavesNoTemporaryFileAndRewritingReplacesTheModel()
    {
        var first = await _artifacts.WriteAsync("ret1-ridge", 1, Bytes(1), _ct);
        var second = await _artifacts.WriteAsync("ret1-ridge", 1, Bytes(2), _ct);

        Assert.Equal(first, second);
        Assert.Equal(["model.onnx"], Directory.GetFiles(Path.GetDirectoryName(_artifacts.FullPath(first))!).Select(Path.GetFileName));
        Assert.Equal(Bytes(2), await _artifacts.ReadAsync(second, ModelArtifacts.Sha256(Bytes(2)), _ct));
    }

    [Fact]
    public async Task VersionsOfAModelAreSeparateFiles()
    {
        var v1 = await _artifacts.WriteAsync("dir1-lightgbm", 1, Bytes(1), _ct);
        var v2 = await _artifacts.WriteAsync("dir1-lightgbm", 2, Bytes(2), _ct);

        Assert.Equal(Bytes(1), await _artifacts.ReadAsync(v1, ModelArtifacts.Sha256(Bytes(1)), _ct));
        Assert.Equal(Bytes(2), await _artifacts.ReadAsync(v2, ModelArtifacts.Sha256(Bytes(2)), _ct));
    }

    [Fact]
    public async Task ATamperedFileIsRefused()
    {
        var onnx = Bytes(1);
        var registered = ModelArtifacts.Sha256(onnx);
        var relative = await _artifacts.WriteAsync("ret1-lightgbm", 1, onnx, _ct);
        var tampered = (byte[])onnx.Clone();
        tampered[100] ^= 1;
        await File.WriteAllBytesAsync(_artifacts.FullPath(relative), tampered, _ct);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => _artifacts.ReadAsync(relative, registered, _ct));

        Assert.Contains(relative, e.Message, StringComparison.Ordinal);
        Assert.Contains(registered, e.Message, StringComparison.Ordinal);
        Assert.Contains(ModelArtifacts.Sha256(tampered), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingFileIsNotFound() =>
        await Assert.ThrowsAnyAsync<IOException>(() =>
            _artifacts.ReadAsync(ModelArtifacts.RelativePath("ret1-lightgbm", 9), ModelArtifacts.Sha256([]), _ct));

    [Fact]
    public void PathsResolveUnderTheLakeRoot()
    {
        Assert.Equal(Path.GetFullPath(_lake), _artifacts.LakeRoot);
        Assert.Equal(Path.Combine(_artifacts.LakeRoot, "artifacts", "models", "x", "v1", "model.onnx"),
            _artifacts.FullPath("artifacts/models/x/v1/model.onnx"));
        Assert.Equal(Path.Combine(_artifacts.LakeRoot, "artifacts", "b"), _artifacts.FullPath("artifacts/a/../b"));
    }

    [Theory]
    [InlineData("../model.onnx")]
    [InlineData("artifacts/../../model.onnx")]
    [InlineData("/etc/passwd")]
    public async Task PathsOutsideTheLakeAreRefused(string relative)
    {
        var e = Assert.Throws<ArgumentException>(() => _artifacts.FullPath(relative));
        Assert.Contains("escapes the lake", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => _artifacts.ReadAsync(relative, ModelArtifacts.Sha256([]), _ct));
    }

    [Fact]
    public void ModelNamesCannotClimbOutOfTheLake() =>
        Assert.Throws<ArgumentException>(() => _artifacts.FullPath(ModelArtifacts.RelativePath("../../../..", 1)));

    [Fact]
    public void ASiblingFolderSharingTheLakesNamePrefixIsOutsideTheLake()
    {
        var sibling = $"../{Path.GetFileName(_artifacts.LakeRoot)}-x/model.onnx";
        Assert.Throws<ArgumentException>(() => _artifacts.FullPath(sibling));
    }
}
