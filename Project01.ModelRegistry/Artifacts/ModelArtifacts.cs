using System.Security.Cryptography;

namespace Project01.ModelRegistry.Artifacts;

/// <summary>ONNX files under the lake's <c>artifacts/models/&lt;name&gt;/v&lt;version&gt;/</c>; paths stored relative to the lake root
/// so every service that mounts the lake resolves them.</summary>
public sealed class ModelArtifacts(string lakeRoot)
{
    public string LakeRoot { get; } = Path.GetFullPath(lakeRoot);

    public static string RelativePath(string name, int version) => $"artifacts/models/{name}/v{version}/model.onnx";

    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(LakeRoot, relativePath));
        // Whole path segments: "/x/lake-x" starts with "/x/lake" but lies outside it.
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(LakeRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"artifact path '{relativePath}' escapes the lake");
        return full;
    }

    public async Task<string> WriteAsync(string name, int version, byte[] onnx, CancellationToken ct)
    {
        var relative = RelativePath(name, version);
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        await File.WriteAllBytesAsync(temp, onnx, ct);
        File.Move(temp, full, overwrite: true);
        return relative;
    }

    /// <summary>Reads a model and checks it is the file that was registered.</summary>
    public async Task<byte[]> ReadAsync(string relativePath, string expectedSha256, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(FullPath(relativePath), ct);
        var actual = Sha256(bytes);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{relativePath}: SHA-256 {actual} does not match the registered {expectedSha256}");
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
